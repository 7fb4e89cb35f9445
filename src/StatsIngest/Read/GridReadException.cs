using StatsIngest.Messages;

namespace StatsIngest.Read;

/// <summary>A file that cannot be read as a table at all; the message is for the analyst (what was expected, what was found).</summary>
public sealed class GridReadException : Exception
{
    public GridReadException(Msg text)
        : base(text.ToString()) => Text = text;

    public GridReadException(Msg text, Exception inner)
        : base(text.ToString(), inner) => Text = text;

    public GridReadException(string message)
        : base(message) => Text = Msg.Verbatim(message);

    public GridReadException(string message, Exception inner)
        : base(message, inner) => Text = Msg.Verbatim(message);

    public GridReadException()
        => Text = Msg.Verbatim(Message);

    /// <summary>The message, to be shown in the language of the place that shows it.</summary>
    public Msg Text { get; }
}

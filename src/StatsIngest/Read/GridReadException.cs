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

    /// <summary>Why the file was not read: it could not be (its content), or it passed a configured limit (Limits:*).</summary>
    public GridReadFailure Failure { get; private init; }

    /// <summary>A file refused because it passes a configured limit (Limits:*, named in <paramref name="text"/>).</summary>
    public static GridReadException OverLimit(Msg text) => new(text) { Failure = GridReadFailure.OverLimit };
}

/// <summary>Why a file was not read as a table.</summary>
public enum GridReadFailure
{
    /// <summary>Its content is not what its name says, is damaged, encrypted or empty.</summary>
    Unreadable,

    /// <summary>It passes a configured limit (Limits:*): it may be genuine and read with the limit raised.</summary>
    OverLimit,
}

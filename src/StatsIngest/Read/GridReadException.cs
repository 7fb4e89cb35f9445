namespace StatsIngest.Read;

/// <summary>A file that cannot be read as a table at all; the message is for the analyst (what was expected, what was found).</summary>
public sealed class GridReadException : Exception
{
    public GridReadException(string message)
        : base(message)
    {
    }

    public GridReadException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public GridReadException()
    {
    }
}

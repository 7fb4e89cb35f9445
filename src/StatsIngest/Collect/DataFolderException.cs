namespace StatsIngest.Collect;

/// <summary>The data folder can not be created or written; the message says which folder and why, in one line.</summary>
public sealed class DataFolderException : IOException
{
    public DataFolderException(string message)
        : base(message)
    {
    }

    public DataFolderException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public DataFolderException()
    {
    }
}

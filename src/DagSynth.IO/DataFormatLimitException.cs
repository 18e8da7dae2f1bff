namespace DagSynth.IO;

/// <summary>A format cannot hold what is being written (more rows than an Excel sheet has).</summary>
public sealed class DataFormatLimitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DataFormatLimitException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DataFormatLimitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DataFormatLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

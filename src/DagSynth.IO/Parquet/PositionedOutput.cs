namespace DagSynth.IO.Parquet;

/// <summary>The output stream with the count of bytes written (page offsets), so the stream need not be seekable.</summary>
internal sealed class PositionedOutput(Stream stream)
{
    public long Position { get; private set; }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        stream.Write(bytes);
        Position += bytes.Length;
    }

    public void Flush() => stream.Flush();
}

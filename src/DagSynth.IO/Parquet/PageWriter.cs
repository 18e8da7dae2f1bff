namespace DagSynth.IO.Parquet;

/// <summary>
/// Compresses page bodies with Snappy and writes them with their headers. One per file writer: its
/// buffers are reused for every page.
/// </summary>
internal sealed class PageWriter
{
    /// <summary>The codec of every page.</summary>
    public const CompressionCodec Codec = CompressionCodec.Snappy;

    private readonly SnappyCompressor _snappy = new();
    private readonly ByteBuffer _compressed = new(1 << 16);
    private readonly ByteBuffer _header = new(64);
    private readonly ThriftCompactWriter _thrift;

    public PageWriter(PositionedOutput output)
    {
        Output = output;
        _thrift = new ThriftCompactWriter(_header);
    }

    public PositionedOutput Output { get; }

    /// <summary>Writes a data page; returns its size with the header, uncompressed and compressed.</summary>
    public (long Uncompressed, long Compressed) WriteDataPage(ReadOnlySpan<byte> body, int values, ParquetEncoding encoding)
    {
        var compressed = Compress(body);
        _header.Clear();
        PageHeaders.WriteDataPage(_thrift, body.Length, compressed.Length, values, encoding);
        return Emit(body.Length, compressed);
    }

    /// <summary>Writes a dictionary page; returns its size with the header, uncompressed and compressed.</summary>
    public (long Uncompressed, long Compressed) WriteDictionaryPage(ReadOnlySpan<byte> body, int values)
    {
        var compressed = Compress(body);
        _header.Clear();
        PageHeaders.WriteDictionaryPage(_thrift, body.Length, compressed.Length, values);
        return Emit(body.Length, compressed);
    }

    private ReadOnlySpan<byte> Compress(ReadOnlySpan<byte> body)
    {
        _compressed.Clear();
        var written = _snappy.Compress(body, _compressed.Reserve(SnappyCompressor.MaxCompressedLength(body.Length)));
        _compressed.Advance(written);
        return _compressed.Written;
    }

    private (long Uncompressed, long Compressed) Emit(int uncompressed, ReadOnlySpan<byte> compressed)
    {
        Output.Write(_header.Written);
        Output.Write(compressed);
        return (_header.Length + uncompressed, _header.Length + compressed.Length);
    }
}

using System.Security.Cryptography;

namespace DagSynth.IO.Files;

/// <summary>
/// A write-through stream that computes the SHA-256 of what is written, so that a manifest needs no
/// second pass over the file. A writer that seeks or reads back (the Excel package does) makes the
/// running hash unusable; <see cref="Hash"/> is then null and the file is hashed from disk instead.
/// </summary>
internal sealed class HashingStream(FileStream inner) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _sequential = true;
    private long _written;
    private byte[]? _final;

    public FileStream Inner { get; } = inner;

    /// <summary>The SHA-256 of the bytes written, or null when the stream was not written front to back.</summary>
    public byte[]? Hash => _sequential ? _final ??= _hash.GetHashAndReset() : null;

    public override bool CanRead => Inner.CanRead;

    public override bool CanSeek => Inner.CanSeek;

    public override bool CanWrite => true;

    public override long Length => Inner.Length;

    public override long Position
    {
        get => Inner.Position;
        set
        {
            _sequential &= value == _written;
            Inner.Position = value;
        }
    }

    public override void Flush() => Inner.Flush();

    public override int Read(byte[] buffer, int offset, int count)
    {
        _sequential = false;
        return Inner.Read(buffer, offset, count);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var position = Inner.Seek(offset, origin);
        _sequential &= position == _written;
        return position;
    }

    public override void SetLength(long value)
    {
        _sequential &= value == _written;
        Inner.SetLength(value);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _sequential &= Inner.Position == _written;
        if (_sequential)
        {
            _hash.AppendData(buffer);
            _written += buffer.Length;
        }

        Inner.Write(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ = Hash;
            Inner.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}

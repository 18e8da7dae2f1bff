namespace DagSynth.IO.Parquet;

// The values of the enums of parquet.thrift (Apache Parquet format) that this writer uses.

/// <summary>Parquet's physical types.</summary>
internal enum PhysicalType
{
    Boolean = 0,
    Int32 = 1,
    Int64 = 2,
    Double = 5,
    ByteArray = 6,
}

/// <summary>Parquet's encodings.</summary>
internal enum ParquetEncoding
{
    Plain = 0,
    Rle = 3,
    RleDictionary = 8,
}

/// <summary>Parquet's compression codecs.</summary>
internal enum CompressionCodec
{
    Uncompressed = 0,
    Snappy = 1,
}

/// <summary>Parquet's page types.</summary>
internal enum PageType
{
    DataPage = 0,
    DictionaryPage = 2,
}

/// <summary>The logical types written (each with its legacy converted type).</summary>
internal enum LogicalType
{
    None,
    String,
    Date,
}

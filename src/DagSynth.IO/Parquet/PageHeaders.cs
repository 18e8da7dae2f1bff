namespace DagSynth.IO.Parquet;

/// <summary>Parquet's <c>PageHeader</c> structs, in Thrift's compact protocol.</summary>
internal static class PageHeaders
{
    /// <summary>A version 1 data page of <paramref name="values"/> values (nulls included), definition levels RLE.</summary>
    public static void WriteDataPage(ThriftCompactWriter thrift, int uncompressedSize, int compressedSize, int values, ParquetEncoding encoding)
    {
        thrift.BeginStruct();
        thrift.I32Field(1, (int)PageType.DataPage);
        thrift.I32Field(2, uncompressedSize);
        thrift.I32Field(3, compressedSize);
        thrift.StructField(5); // DataPageHeader
        thrift.I32Field(1, values);
        thrift.I32Field(2, (int)encoding);
        thrift.I32Field(3, (int)ParquetEncoding.Rle); // definition levels
        thrift.I32Field(4, (int)ParquetEncoding.Rle); // repetition levels (none: the columns are flat)
        thrift.EndStruct();
        thrift.EndStruct();
    }

    /// <summary>A dictionary page of <paramref name="values"/> PLAIN-encoded entries.</summary>
    public static void WriteDictionaryPage(ThriftCompactWriter thrift, int uncompressedSize, int compressedSize, int values)
    {
        thrift.BeginStruct();
        thrift.I32Field(1, (int)PageType.DictionaryPage);
        thrift.I32Field(2, uncompressedSize);
        thrift.I32Field(3, compressedSize);
        thrift.StructField(7); // DictionaryPageHeader
        thrift.I32Field(1, values);
        thrift.I32Field(2, (int)ParquetEncoding.Plain);
        thrift.EndStruct();
        thrift.EndStruct();
    }
}

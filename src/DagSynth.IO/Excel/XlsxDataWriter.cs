using System.Globalization;
using DagSynth.IO.Csv;
using DagSynth.Outputs;
using DagSynth.Sampling;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DagSynth.IO.Excel;

/// <summary>
/// Writes an Excel workbook for teachers, streamed through the Open XML SDK's writer: a <c>data</c>
/// sheet (a bold header row, then one row per data row: levels and text as text, booleans as
/// booleans, numbers as numbers, dates as dates shown <c>yyyy-mm-dd</c>, identifiers as text, missing
/// values as empty cells) and, when given, a <c>codebook</c> sheet. A sheet holds at most
/// 1,048,576 rows, so at most <see cref="MaxDataRows"/> data rows: more is refused with a
/// <see cref="DataFormatLimitException"/>.
/// </summary>
public sealed class XlsxDataWriter : ITableWriter
{
    /// <summary>The most data rows a sheet holds (Excel's 1,048,576 rows less the header).</summary>
    public const int MaxDataRows = 1_048_575;

    private const uint DateStyle = 1;
    private const uint HeaderStyle = 2;
    private static readonly double ExcelEpochDays = ExcelSerial(new DateOnly(1970, 1, 1));

    private readonly OutputSchema _schema;
    private readonly SpreadsheetDocument _document;
    private readonly WorksheetPart _dataPart;
    private readonly OpenXmlWriter _writer;
    private readonly ImmutableArrayRows _codebook;
    private bool _completed;

    /// <summary>Creates a writer to <paramref name="stream"/> (left open).</summary>
    public XlsxDataWriter(Stream stream, OutputSchema schema, DataWriterOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
        _codebook = new ImmutableArrayRows(options.CodebookSheet);
        _document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook, autoSave: true);
        var workbook = _document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Styles();
        _dataPart = workbook.AddNewPart<WorksheetPart>();
        _writer = OpenXmlWriter.Create(_dataPart);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteStartElement(new SheetData());
        WriteRow(_schema.Columns.Select(c => c.Name), HeaderStyle);
    }

    /// <inheritdoc/>
    public long RowsWritten { get; private set; }

    /// <inheritdoc/>
    public void Write(RowChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (RowsWritten + chunk.Count > MaxDataRows)
        {
            throw new DataFormatLimitException($"an Excel sheet holds at most {MaxDataRows:N0} data rows (1,048,576 with the header); write .csv, .parquet or .jsonl for more");
        }

        Span<char> buffer = stackalloc char[256];
        var columns = _schema.Columns;
        for (var i = 0; i < chunk.Count; i++)
        {
            _writer.WriteStartElement(new Row());
            for (var c = 0; c < columns.Length; c++)
            {
                if (chunk.IsNull(c, i))
                {
                    // An empty cell keeps the positions of the cells after it (cells carry no reference).
                    _writer.WriteElement(new Cell());
                    continue;
                }

                var column = columns[c];
                switch (column.Kind)
                {
                    case OutputColumnKind.Boolean:
                        WriteCell(CellValues.Boolean, chunk.Codes(c)[i] == 1 ? "1" : "0");
                        break;
                    case OutputColumnKind.Level:
                        WriteText(column.Levels[chunk.Codes(c)[i]]);
                        break;
                    case OutputColumnKind.Text:
                        WriteText(chunk.Texts(c)[i] ?? string.Empty);
                        break;
                    case OutputColumnKind.Date:
                        WriteCell(CellValues.Number, (chunk.Values(c)[i] + ExcelEpochDays).ToString("R", CultureInfo.InvariantCulture), DateStyle);
                        break;
                    case OutputColumnKind.Identifier:
                        WriteText(CellText.Format(column.Variable!, chunk.Values(c)[i], buffer).ToString());
                        break;
                    default:
                        var value = chunk.Values(c)[i];
                        if (double.IsFinite(value))
                        {
                            WriteCell(CellValues.Number, CellText.Format(column.Variable!, value, buffer).ToString());
                        }
                        else
                        {
                            _writer.WriteElement(new Cell());
                        }

                        break;
                }
            }

            _writer.WriteEndElement();
        }

        RowsWritten += chunk.Count;
    }

    /// <inheritdoc/>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _writer.WriteEndElement(); // SheetData
        _writer.WriteEndElement(); // Worksheet
        _writer.Close();

        var workbook = _document.WorkbookPart!;
        var sheets = workbook.Workbook.AppendChild(new Sheets());
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(_dataPart), SheetId = 1, Name = "data" });
        if (_codebook.Rows.Length > 0)
        {
            var codebookPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var first = true;
            foreach (var row in _codebook.Rows)
            {
                var r = new Row();
                foreach (var text in row)
                {
                    r.Append(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)), StyleIndex = first ? HeaderStyle : null });
                }

                data.Append(r);
                first = false;
            }

            codebookPart.Worksheet = new Worksheet(data);
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(codebookPart), SheetId = 2, Name = "codebook" });
        }

        workbook.Workbook.Save();
        _document.Dispose();
        _completed = true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_completed)
        {
            _writer.Dispose();
            _document.Dispose();
            _completed = true;
        }
    }

    private static double ExcelSerial(DateOnly date) => date.ToDateTime(TimeOnly.MinValue).ToOADate();

    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true }) { Count = 3 });

    private void WriteRow(IEnumerable<string> texts, uint style)
    {
        _writer.WriteStartElement(new Row());
        foreach (var text in texts)
        {
            WriteText(text, style);
        }

        _writer.WriteEndElement();
    }

    private void WriteText(string text, uint? style = null)
    {
        var attributes = new List<OpenXmlAttribute> { new("t", null!, "inlineStr") };
        if (style is { } s)
        {
            attributes.Add(new OpenXmlAttribute("s", null!, s.ToString(CultureInfo.InvariantCulture)));
        }

        _writer.WriteStartElement(new Cell(), attributes);
        _writer.WriteElement(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        _writer.WriteEndElement();
    }

    private void WriteCell(CellValues type, string value, uint? style = null)
    {
        var attributes = new List<OpenXmlAttribute>();
        if (type != CellValues.Number)
        {
            attributes.Add(new OpenXmlAttribute("t", null!, type == CellValues.Boolean ? "b" : "str"));
        }

        if (style is { } s)
        {
            attributes.Add(new OpenXmlAttribute("s", null!, s.ToString(CultureInfo.InvariantCulture)));
        }

        _writer.WriteStartElement(new Cell(), attributes);
        _writer.WriteElement(new CellValue(value));
        _writer.WriteEndElement();
    }

    /// <summary>The codebook sheet's rows.</summary>
    private sealed class ImmutableArrayRows(System.Collections.Immutable.ImmutableArray<System.Collections.Immutable.ImmutableArray<string>> rows)
    {
        public System.Collections.Immutable.ImmutableArray<System.Collections.Immutable.ImmutableArray<string>> Rows { get; } = rows.IsDefault ? [] : rows;
    }
}

using System.Text;
using DagSynth.Diagnostics;
using DagSynth.IO.Formats;
using DagSynth.Models;
using DagSynth.Testing;

namespace DagSynth.IO.Tests.Formats;

/// <summary>
/// Files that are not models at all: empty, binary, random text, one enormous line, deep nesting,
/// truncated, in unknown encodings. Every format answers with diagnostics, never an exception, a
/// hang or a partial model (the time guard is generous: it catches hangs, not slowness).
/// </summary>
[Trait("Category", "Unit")]
public sealed class BadInputTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    public static TheoryData<ModelFormat> Formats() => [.. Enum.GetValues<ModelFormat>()];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Should_ReportAnEmptyFile_When_TheFileHasNoBytes(ModelFormat format)
    {
        // Given
        var path = Path.Combine(Path.GetTempPath(), $"dagsynth-empty-{Guid.NewGuid():N}{Extension(format)}");
        File.WriteAllBytes(path, []);

        try
        {
            // When
            var result = ModelFile.Read(path);

            // Then
            Assert.Null(result.Model);
            var error = Assert.Single(result.Errors);
            Assert.Equal(DiagnosticCodes.EmptyDocument, error.Code);
            Assert.Equal(1, error.Location.Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Should_ReportBinaryContent_When_TheFileHoldsNulBytes(ModelFormat format)
    {
        // Given
        var bytes = new byte[1 << 16];
        new Random(7).NextBytes(bytes);
        bytes[0] = (byte)'x';
        bytes[1000] = 0;

        // When
        var result = Read(bytes, format);

        // Then
        Assert.Null(result.Model);
        Assert.Contains(result.Errors, d => d.Code == DiagnosticCodes.Encoding);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Should_ReportBoundedDiagnostics_When_TheFileIsRandomText(ModelFormat format)
    {
        for (var seed = 0; seed < 5; seed++)
        {
            // Given: printable ASCII including every delimiter the formats use
            var random = new Random(seed);
            var alphabet = "abcXYZ019 .,;:|(){}[]<>=\"'%#/*-+\n\t";
            var bytes = Enumerable.Range(0, 200_000).Select(_ => (byte)alphabet[random.Next(alphabet.Length)]).ToArray();

            // When
            var result = Read(bytes, format);

            // Then
            Assert.Null(result.Model);
            Assert.NotEmpty(result.Errors);
            Assert.True(result.Diagnostics.Length <= 60, $"{result.Diagnostics.Length} diagnostics for one file of garbage");
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Should_ReportADiagnosticQuickly_When_ALineIsOneHundredMegabytes(ModelFormat format)
    {
        // Given
        var bytes = new byte[100_000_000];
        Array.Fill(bytes, (byte)'a');

        // When
        var result = Read(bytes, format);

        // Then
        Assert.Null(result.Model);
        var error = Assert.Single(result.Errors.Take(1));
        Assert.Equal(1, error.Location.Line);
        Assert.True(error.Message.Length < 500, "the message must not repeat the line");
    }

    [Fact]
    public void Should_ReportTheCount_When_ATableLineHoldsMillionsOfNumbers()
    {
        // Given: one BIF line of 2,000,000 numbers for a two-level variable
        var text = new StringBuilder("network n { } variable A { type discrete [ 2 ] { a0, a1 }; } probability ( A ) { table");
        text.Insert(text.Length, " 0.5", 2_000_000).Append("; }");

        // When
        var result = Read(Encoding.ASCII.GetBytes(text.ToString()), ModelFormat.Bif);

        // Then
        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.RowLength, error.Code);
        Assert.Contains("has 2000000 values, expected 2 ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_ReportQuickly_When_TwoHugeNamesAlmostMatch()
    {
        // Given: an undeclared variable whose name is a 60,000-character near miss of a declared one
        var declared = new string('a', 60_000);
        var text = $"network n {{ }} variable {declared} {{ type discrete [ 1 ] {{ x }}; }} probability ( {declared} ) {{ table 1; }} probability ( {declared}b ) {{ table 1; }}";

        // When
        var result = Read(Encoding.ASCII.GetBytes(text), ModelFormat.Bif);

        // Then
        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.UndeclaredVariable, error.Code);
        Assert.True(error.Message.Length <= DagSynth.Diagnostics.DiagnosticBag.MaxMessageLength, "the message must not repeat the name in full");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Should_NotOverflowTheStack_When_BracketsNestAMillionDeep(ModelFormat format)
    {
        // Given
        var open = format switch
        {
            ModelFormat.XmlBif or ModelFormat.Xdsl => string.Concat(Enumerable.Repeat("<a>", 1_000_000)),
            ModelFormat.Yaml or ModelFormat.Json => new string('[', 1_000_000),
            _ => new string('(', 1_000_000),
        };

        // When
        var result = Read(Encoding.ASCII.GetBytes(open), format);

        // Then
        Assert.Null(result.Model);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Should_FlattenTheData_When_NetParenthesesNestDeeplyButBalance()
    {
        // Given: NET's nesting is optional, so balanced parentheses of any depth hold the same numbers
        var text = $"net {{ }} node A {{ states = (\"a\" \"b\"); }} potential (A) {{ data = {new string('(', 1_000_000)}0.25 0.75{new string(')', 1_000_000)}; }}";

        // When
        var result = Read(Encoding.ASCII.GetBytes(text), ModelFormat.Net);

        // Then
        Assert.NotNull(result.Model);
        Assert.Equal([0.25, 0.75], ModelAssert.Table(result.Model!["A"]).Values.ToArray());
    }

    public static TheoryData<string> TruncatableFiles() =>
    [
        "bif/alarm.bif", "net/agrum-alarm.net", "dsc/child.dsc", "uai/agrum-asia.uai", "xmlbif/javabayes-asia.xmlbif03.xml", "xdsl/pgmpy-AsiaDiagnosis.xdsl",
    ];

    [Theory]
    [MemberData(nameof(TruncatableFiles))]
    public void Should_RejectWithADiagnostic_When_TheFileIsTruncated(string file)
    {
        // Given
        var path = CorpusFiles.PathOf("networks", file);
        var bytes = File.ReadAllBytes(path);
        var format = ModelFormats.FromExtension(path)!.Value;
        var content = Encoding.UTF8.GetString(bytes).TrimEnd();

        for (var cut = 0; cut < bytes.Length; cut += Math.Max(1, bytes.Length / 97))
        {
            // When
            var result = Read(bytes[..cut], format);

            // Then
            if (Encoding.UTF8.GetString(bytes[..cut]).TrimEnd() != content)
            {
                Assert.True(result.Model is null, $"{file} cut at byte {cut} loaded");
                Assert.NotEmpty(result.Errors);
            }
        }
    }

    [Fact]
    public void Should_NeverThrow_When_ANativeModelIsTruncated()
    {
        // Given
        var path = Path.Combine(RepositoryPaths.CorpusOrSkip(), "networks", "bif", "child.bif");
        var model = ModelFile.Read(path).Model!;
        var (yaml, _) = ModelWriter.WriteToString(model, ModelFormat.Yaml);
        var bytes = Encoding.UTF8.GetBytes(yaml!);

        for (var cut = 0; cut < bytes.Length; cut += 61)
        {
            // When
            var result = Read(bytes[..cut], ModelFormat.Yaml);

            // Then: a prefix may be a smaller valid model; otherwise there are errors
            Assert.True(result.Model is not null || result.Errors.Any());
        }
    }

    [Theory]
    [InlineData(ModelFormat.XmlBif)]
    [InlineData(ModelFormat.Xdsl)]
    public void Should_ReportTheEncoding_When_AnXmlFileDeclaresAnUnknownOne(ModelFormat format)
    {
        // Given
        var bytes = Encoding.ASCII.GetBytes("<?xml version=\"1.0\" encoding=\"x-martian-7\"?>\n<BIF VERSION=\"0.3\"></BIF>\n");

        // When
        var result = Read(bytes, format);

        // Then
        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.Encoding, error.Code);
        Assert.Contains("x-martian-7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_ReadLatin1WithAWarning_When_TextIsNotUtf8()
    {
        // Given: 'é' as the single byte 0xE9
        var bytes = Encoding.Latin1.GetBytes("network n { }\nvariable A { type discrete [ 2 ] { caf\u00e9, th\u00e9 }; }\nprobability ( A ) { table 0.5 0.5; }\n");

        // When
        var result = Read(bytes, ModelFormat.Bif);

        // Then
        Assert.NotNull(result.Model);
        Assert.Equal(["caf\u00e9", "th\u00e9"], result.Model!["A"].Levels);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.Encoding, warning.Code);
        Assert.Equal(2, warning.Location.Line);
    }

    [Fact]
    public void Should_ReadTheDeclaredEncoding_When_AnXmlFileIsLatin1()
    {
        // Given
        var text = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<BIF VERSION=\"0.3\"><NETWORK><NAME>n</NAME>\n<VARIABLE TYPE=\"nature\"><NAME>caf\u00e9</NAME><OUTCOME>s\u00ed</OUTCOME><OUTCOME>no</OUTCOME></VARIABLE>\n<DEFINITION><FOR>caf\u00e9</FOR><TABLE>0.5 0.5</TABLE></DEFINITION></NETWORK></BIF>\n";

        // When
        var result = Read(Encoding.Latin1.GetBytes(text), ModelFormat.XmlBif);

        // Then
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        Assert.Equal(["s\u00ed", "no"], result.Model!["caf\u00e9"].Levels);
        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [InlineData("utf-16LE")]
    [InlineData("utf-16BE")]
    [InlineData("utf-8")]
    public void Should_ReadTheText_When_AByteOrderMarkNamesTheEncoding(string encodingName)
    {
        // Given
        var encoding = Encoding.GetEncoding(encodingName);
        var text = "network n { }\nvariable \"\u65e5\u672c\" { type discrete [ 2 ] { a, b }; }\nprobability ( \"\u65e5\u672c\" ) { table 0.5 0.5; }\n";
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray();

        // When
        var result = Read(bytes, ModelFormat.Bif);

        // Then
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        Assert.Equal("\u65e5\u672c", result.Model!.Variables[0].Name);
    }

    [Fact]
    public void Should_ReportTheXmlError_When_BlanksPrecedeTheDeclaration()
    {
        // Given: strictly ill-formed (expected.json's xmlbif/invalid/04 decision: reject)
        var bytes = Encoding.UTF8.GetBytes("  \n<?xml version=\"1.0\"?>\n<BIF VERSION=\"0.3\"><NETWORK><NAME>n</NAME></NETWORK></BIF>\n");

        // When
        var result = Read(bytes, ModelFormat.XmlBif);

        // Then
        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.FormatSyntax, error.Code);
        Assert.Equal(2, error.Location.Line);
    }

    private static ModelLoadResult Read(byte[] bytes, ModelFormat format)
    {
        var task = Task.Run(() => ModelFile.Read(bytes, "bad" + Extension(format), format));
        Assert.True(task.Wait(Guard), $"reading took more than {Guard.TotalSeconds} s");
        return task.Result;
    }

    private static string Extension(ModelFormat format) =>
        ModelFormats.Extensions.First(e => e.Value == format).Key;
}

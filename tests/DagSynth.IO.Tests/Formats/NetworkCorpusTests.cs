using System.Globalization;
using System.Text.RegularExpressions;
using DagSynth.Diagnostics;
using DagSynth.Testing;

namespace DagSynth.IO.Tests.Formats;

/// <summary>
/// Every network of <c>corpus/networks</c> in a format DagSynth reads: the valid ones load with the
/// node, arc and parameter counts <c>SOURCES.md</c> gives; the malformed real-world files are
/// rejected with a diagnostic (at the line named where one is known), never an exception.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class NetworkCorpusTests
{
    /// <summary>Files that must be rejected, with the line an error must name (0: any line).</summary>
    private static readonly Dictionary<string, int> Rejected = new(StringComparer.Ordinal)
    {
        ["bif/agrum-BIFReader_file3.bif"] = 58,
        ["bif/agrum-BIFReader_file4.bif"] = 58,
        ["bif/agrum-BIFReader_file5.bif"] = 58,
        ["bif/agrum-carpo.bif"] = 0,
        ["bif/agrum-dBN.bif"] = 347,
        ["bif/agrum-dBN_with_errors.bif"] = 347,
        ["uai/agrum-BNUAIIO_RO_file.uai"] = 0,
        ["uai/agrum-BNUAIReader_file1.uai"] = 0,
        ["uai/agrum-BNUAIReader_file3.uai"] = 0,
        ["uai/agrum-markov_example.uai"] = 0,
        ["uai/grid4x4.uai"] = 1,
        ["uai/grid4x4_with_triplets.uai"] = 1,
        ["xdsl/agrum-Pinball-influence-diagram.xdsl"] = 0,
        ["xmlbif/agrum-BNBIFXMLReader_file3.xml"] = 0,
        ["xmlbif/agrum-carpo.xml"] = 0,
        ["xmlbif/agrum-edex.xml"] = 13,
        ["xmlbif/javabayes-alarm.xmlbif02.xml"] = 1,
        ["xmlbif/javabayes-asia.xmlbif02.xml"] = 1,
        ["xmlbif/javabayes-cancer.xmlbif02.xml"] = 1,
        ["xmlbif/javabayes-car-starts.xmlbif02.xml"] = 1,
        ["xmlbif/javabayes-dog-problem.xmlbif02.xml"] = 1,
        ["xmlbif/javabayes-elimbel2.xmlbif02.xml"] = 1,
        ["xmlbif/javabayes-john-mary-call.xmlbif02.xml"] = 1,
    };

    /// <summary>Files accepted with a warning of a given code (lenient reading, documented in docs/formats.md).</summary>
    private static readonly Dictionary<string, string> AcceptedWithWarning = new(StringComparer.Ordinal)
    {
        // Hugin tables in percent: normalised with a warning (the reference reader is strict and rejects it).
        ["net/agrum-test1.net"] = DiagnosticCodes.Renormalized,
        ["dsc/insurance.dsc"] = DiagnosticCodes.LenientInput,
        ["dsc/child.dsc"] = DiagnosticCodes.LenientInput,
    };

    public static TheoryData<string> Networks() => CorpusFiles.Networks();

    [Theory]
    [MemberData(nameof(Networks))]
    public void Should_LoadOrRejectAsTheCorpusSays_When_ReadingANetwork(string file)
    {
        // Given
        var path = CorpusFiles.PathOf("networks", file);

        // When
        var result = ModelFile.Read(path);

        // Then
        if (Rejected.TryGetValue(file, out var line))
        {
            Assert.Null(result.Model);
            Assert.NotEmpty(result.Errors);
            if (line > 0)
            {
                Assert.Contains(result.Errors, d => d.Location.Line == line);
            }

            return;
        }

        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        if (AcceptedWithWarning.TryGetValue(file, out var code))
        {
            Assert.Contains(result.Diagnostics, d => d.Code == code && d.Severity == Severity.Warning);
        }

        if (Counts().TryGetValue(file, out var counts))
        {
            var model = result.Model!;
            Assert.Equal(counts, (model.Variables.Length, model.EdgeCount, model.FreeParameterCount));
        }
    }

    [Fact]
    public void Should_ListEveryRejectedFileOfTheCorpus_When_CheckingTheExpectations()
    {
        // Given
        RepositoryPaths.CorpusOrSkip();
        var files = Networks().Select(row => row.Data).ToHashSet(StringComparer.Ordinal);

        // Then: the expectations name files that exist, so a renamed file cannot pass unnoticed.
        Assert.All(Rejected.Keys.Concat(AcceptedWithWarning.Keys), f => Assert.Contains(f, files));
    }

    /// <summary>Nodes, arcs and free parameters by file, from the table in SOURCES.md (rows with numbers only).</summary>
    private static Dictionary<string, (int, int, long)> Counts()
    {
        var sources = Path.Combine(RepositoryPaths.CorpusOrSkip(), "networks", "SOURCES.md");
        var counts = new Dictionary<string, (int, int, long)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(sources))
        {
            var match = SourcesRow().Match(line);
            if (match.Success)
            {
                counts[match.Groups["file"].Value] = (
                    int.Parse(match.Groups["nodes"].Value, CultureInfo.InvariantCulture),
                    int.Parse(match.Groups["arcs"].Value, CultureInfo.InvariantCulture),
                    long.Parse(match.Groups["params"].Value, CultureInfo.InvariantCulture));
            }
        }

        return counts;
    }

    [GeneratedRegex(@"^\| `(?<file>[^`]+)` \|[^|]*\|\s*\d+\s*\|\s*(?<nodes>\d+)\s*\|\s*(?<arcs>\d+)\s*\|\s*(?<params>\d+)\s*\|")]
    private static partial Regex SourcesRow();
}

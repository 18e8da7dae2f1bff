using System.Text;
using DagSynth.IO.Formats;
using FsCheck;
using FsCheck.Fluent;

namespace DagSynth.IO.Tests.Formats;

/// <summary>Randomly damaged versions of valid files: every reader answers with a model or diagnostics, never an exception.</summary>
[Trait("Category", "Property")]
public sealed class FuzzTests
{
    private static readonly string Symbols = "{}()[];:,|=\"'<>/*%#\n\r\t -.0123456789eE";

    public static TheoryData<string> Seeds() =>
    [
        "bif/valid/06-special-state-names.bif",
        "bif/valid/01-javabayes-style-quotes-properties-comments.bif",
        "net/valid/01-genie-style.net",
        "net/valid/05-conditional-gaussian.net",
        "dsc/valid/01-index-rows-scrambled.dsc",
        "uai/valid/01-child-last.uai",
        "xmlbif/valid/01-whitespace-multiline-table.xml",
        "xdsl/valid/01-deterministic-and-cpt.xdsl",
    ];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Should_NeverThrow_When_AValidFileIsDamaged(string file)
    {
        // Given
        var path = CorpusFiles.PathOf("edge-cases", file);
        var original = File.ReadAllBytes(path);
        var format = ModelFormats.FromExtension(path)!.Value;
        AssertSurvivesDamage(original, format);
    }

    [Fact]
    public void Should_NeverThrow_When_ADagSynthModelIsDamaged()
    {
        AssertSurvivesDamage(Encoding.UTF8.GetBytes(WriterTests.Clinic), ModelFormat.Yaml);
        AssertSurvivesDamage(Encoding.UTF8.GetBytes(ModelWriter.WriteToString(WriterTests.ClinicModel(), ModelFormat.Json).Text!), ModelFormat.Json);
    }

    private static void AssertSurvivesDamage(byte[] original, ModelFormat format)
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            // When: a few random deletions, insertions of delimiters, and byte changes
            var random = new Random(seed);
            var bytes = new List<byte>(original);
            for (var edits = random.Next(1, 6); edits > 0 && bytes.Count > 0; edits--)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(3))
                {
                    case 0:
                        bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 20)));
                        break;
                    case 1:
                        bytes.Insert(at, (byte)Symbols[random.Next(Symbols.Length)]);
                        break;
                    default:
                        bytes[at] = (byte)random.Next(256);
                        break;
                }
            }

            var result = ModelFile.Read(bytes.ToArray(), "damaged", format);

            // Then
            return result.Model is not null || result.Errors.Any();
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}

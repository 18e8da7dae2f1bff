using System.Text;
using DagSynth.Diagnostics;
using DagSynth.IO.Formats;
using DagSynth.IO.Formats.Export;
using DagSynth.Models;
using DagSynth.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace DagSynth.IO.Tests.Formats;

/// <summary>Write then read gives the same model, in every format, with awkward names.</summary>
[Trait("Category", "Property")]
public sealed class RoundTripPropertyTests
{
    private static Config Runs(int count) => Config.QuickThrowOnFailure.WithMaxTest(count);

    [Theory]
    [InlineData(ModelFormat.Yaml)]
    [InlineData(ModelFormat.Json)]
    [InlineData(ModelFormat.Bif)]
    [InlineData(ModelFormat.XmlBif)]
    public void Should_ReadBackIdenticalNamesAndTables_When_TheFormatHoldsAnyName(ModelFormat format)
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 100_000)), seed =>
        {
            // Given
            var model = AwkwardModels.Create(seed, AwkwardModels.Awkward);

            // When
            var back = RoundTrip(model, format, lossy: false);

            // Then
            ModelAssert.Identical(model, back);
        }).Check(Runs(60));
    }

    [Theory]
    [InlineData(ModelFormat.Yaml)]
    [InlineData(ModelFormat.Json)]
    public void Should_ReadBackAnyName_When_WritingDagSynthsOwnFormat(ModelFormat format)
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 100_000)), seed =>
        {
            // Given
            var model = AwkwardModels.Create(seed, [.. AwkwardModels.Awkward, .. AwkwardModels.Wild]);

            // When
            var back = RoundTrip(model, format, lossy: false);

            // Then
            ModelAssert.Identical(model, back);
            Assert.Equal(model.Name, back.Name);
        }).Check(Runs(60));
    }

    [Theory]
    [InlineData(ModelFormat.Net)]
    [InlineData(ModelFormat.Dsc)]
    [InlineData(ModelFormat.Xdsl)]
    [InlineData(ModelFormat.Uai)]
    public void Should_KeepTablesAndRefuseOrReportRenames_When_TheFormatLimitsNames(ModelFormat format)
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 100_000)), seed =>
        {
            // Given
            var model = AwkwardModels.Create(seed, AwkwardModels.Awkward);

            // When
            var strict = ModelWriter.Check(model, format);
            var back = RoundTrip(model, format, lossy: true);

            // Then: either nothing is lost and the model comes back identical, or the loss is an
            // error naming it (and, accepted, changes names only: the tables come back the same).
            var order = format == ModelFormat.Xdsl ? model.TopologicalOrder.ToArray() : [.. Enumerable.Range(0, model.Variables.Length)];
            if (strict.Any(d => d.IsError))
            {
                Assert.All(strict.Where(d => d.IsError), d => Assert.Equal(DiagnosticCodes.ExportLoss, d.Code));
            }
            else
            {
                Assert.Equal(order.Select(i => model.Variables[i].Name), back.Variables.Select(v => v.Name));
            }

            AssertSameTables(model, back, order);
        }).Check(Runs(40));
    }

    [Fact]
    public void Should_WriteEveryFormatWithoutLoss_When_NamesAreIdentifiers()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 100_000)), seed =>
        {
            // Given: RandomModels names variables v0, v1, ... and levels s0, s1, ... (identifiers) in shuffled file order
            var model = RandomModels.Create(seed);

            foreach (var format in Enum.GetValues<ModelFormat>().Where(f => f != ModelFormat.Uai))
            {
                // When
                var back = RoundTrip(model, format, lossy: false);

                // Then
                var order = format == ModelFormat.Xdsl ? model.TopologicalOrder.ToArray() : [.. Enumerable.Range(0, model.Variables.Length)];
                Assert.Equal(order.Select(i => model.Variables[i].Name), back.Variables.Select(v => v.Name));
                Assert.Equal(order.Select(i => model.Variables[i].Levels), back.Variables.Select(v => v.Levels));
                AssertSameTables(model, back, order);
            }
        }).Check(Runs(30));
    }

    [Fact]
    public void Should_WriteUaiWithoutLoss_When_NamesArePositional()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 100_000)), seed =>
        {
            // Given: names v0, v1, ... in index order and levels 0, 1, ..., which UAI holds by position
            var model = Renamed(RandomModels.Create(seed));

            // When
            var back = RoundTrip(model, ModelFormat.Uai, lossy: false);

            // Then
            ModelAssert.Identical(model, back);
        }).Check(Runs(60));
    }

    /// <summary>Writes <paramref name="model"/> as <paramref name="format"/> and reads it back, failing on any error.</summary>
    internal static Model RoundTrip(Model model, ModelFormat format, bool lossy)
    {
        var (text, written) = ModelWriter.WriteToString(model, format, new ExportOptions { Lossy = lossy, Target = "out" });
        Assert.True(text is not null, string.Join("\n", written));
        var read = ModelFile.Read(Encoding.UTF8.GetBytes(text!), "back", format);
        Assert.True(read.Model is not null, $"{format} did not read back:\n{string.Join("\n", read.Diagnostics)}\n---\n{text}");
        Assert.DoesNotContain(read.Diagnostics, d => d.Severity != Severity.Info && d.Code != DiagnosticCodes.UnusedEntry);
        return read.Model!;
    }

    /// <summary>Tables equal bit for bit, variable <c>order[i]</c> of <paramref name="expected"/> being variable i of <paramref name="actual"/>.</summary>
    private static void AssertSameTables(Model expected, Model actual, int[] order)
    {
        Assert.Equal(expected.Variables.Length, actual.Variables.Length);
        var position = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            position[order[i]] = i;
        }

        foreach (var e in expected.Variables)
        {
            var a = actual.Variables[position[e.Index]];
            Assert.Equal(e.Cardinality, a.Cardinality);
            Assert.Equal(e.Parents.Select(p => position[p]), a.Parents);
            Assert.Equal(ModelAssert.Table(e).Values.ToArray(), ModelAssert.Table(a).Values.ToArray());
        }
    }

    private static Model Renamed(Model model)
    {
        var here = new SourceSpan("renamed", 1, 1);
        string Name(int i) => "v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var spec = new Specs.ModelSpec
        {
            Span = SourceSpan.InSource("renamed"),
            Name = "renamed",
            Variables = [.. model.Variables.Select(v => new Specs.VariableSpec
            {
                Name = new(Name(v.Index), here),
                Span = here,
                Levels = [.. Enumerable.Range(0, v.Cardinality).Select(k => new Specs.Located<string>(k.ToString(System.Globalization.CultureInfo.InvariantCulture), here))],
                Given = [.. v.Parents.Select(p => new Specs.Located<string>(Name(p), here))],
                FlatTable = new Specs.FullTableSpec(here, [.. ModelAssert.Table(v).Values], Specs.TableOrder.ChildFastest),
            })],
        };
        return ModelBuilder.Build(spec).Model!;
    }
}

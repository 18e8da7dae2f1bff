using DagSynth.Diagnostics;
using DagSynth.Expressions;
using DagSynth.IO.Formats;
using DagSynth.Models;
using static DagSynth.IO.Tests.Formats.TextModels;

namespace DagSynth.IO.Tests.Formats;

[Trait("Category", "Unit")]
public sealed class NetReaderTests
{
    [Fact]
    public void Should_ReadUnquotedStatesAndEmptyParentLists_When_WrittenLikeAGrumOrGenie()
    {
        // Given
        var text = "net\r\n{\r\n  node_size = (50 50);\r\n}\r\nnode A { states = (0 1 ); label = \"The A\"; }\r\nnode B { states = (\"x y\" \"z\"); }\r\n"
            + "potential (A |) { data = (0.4 0.6); }\r\npotential (B | A)\r\n{\r\n data\r\n = ((0.1 0.9)   % A=0\r\n   (0.7 0.3)); % A=1\r\n}";

        // When
        var model = Load(text, ModelFormat.Net);

        // Then
        Assert.Equal(["0", "1"], model["A"].Levels);
        Assert.Equal("The A", model["A"].Label);
        Assert.Equal(["x y", "z"], model["B"].Levels);
        Assert.Equal([0.1, 0.9, 0.7, 0.3], Values(model, "B"));
    }

    [Fact]
    public void Should_NormaliseWithOneWarning_When_TablesHoldPercentages()
    {
        // Given
        var text = "net { }\nnode A { states = (\"a\" \"b\"); }\nnode B { states = (\"x\" \"y\"); }\npotential (A) { data = (10 90); }\npotential (B | A) { data = ((20 80) (50 50)); }\n";

        // When
        var result = Read(text, ModelFormat.Net);

        // Then
        Assert.NotNull(result.Model);
        Assert.Equal([0.1, 0.9], Values(result.Model!, "A"));
        Assert.Equal([0.2, 0.8, 0.5, 0.5], Values(result.Model!, "B"));
        Assert.Equal(2, result.Diagnostics.Length);
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticCodes.Renormalized, d.Code));
        Assert.Contains("2 rows of 'B'", result.Diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("decision D { states = (\"a\" \"b\"); }", DiagnosticCodes.UnsupportedConstruct, 3)]
    [InlineData("utility U { }", DiagnosticCodes.UnsupportedConstruct, 3)]
    [InlineData("continuous node C { }", DiagnosticCodes.FormatSyntax, 3)]
    [InlineData("node C { states = (\"c0\" \"c1\"); }\npotential (A C) { data = (1 0 0 1); }", DiagnosticCodes.UnsupportedConstruct, 4)]
    [InlineData("node C { states = (\"c0\" \"c1\"); }\npotential (C) { experience = (1); }", DiagnosticCodes.FormatSyntax, 4)]
    [InlineData("potential (A) { data = (0.5 0.5); }", DiagnosticCodes.DuplicateTable, 3)]
    [InlineData("node C { states = (\"c0\" \"c1\"); }\npotential (C) { data = normal(0, 1); }", DiagnosticCodes.ContinuousNotSupported, 4)]
    [InlineData("node C { states = (\"c0\" \"c1\"); }\npotential (C) { data = (0.5 0.5) }", DiagnosticCodes.FormatSyntax, 4)]
    public void Should_RefuseClearly_When_TheNetworkIsNotADiscreteBayesianNetwork(string extra, string code, int line)
    {
        // Given
        var text = "node A { states = (\"a\" \"b\"); }\npotential (A) { data = (0.5 0.5); }\n" + extra + "\n";

        // When
        var result = Read(text, ModelFormat.Net);

        // Then
        Assert.Null(result.Model);
        Assert.Contains(result.Errors, d => d.Code == code && d.Location.Line == line);
    }

    [Fact]
    public void Should_ReadCgNodesIntoNormalVariables_When_PotentialsHoldNormalDistributions()
    {
        // Given: two discrete parents (the last fastest), two continuous ones, means written every way
        // Hugin may write them (no blanks, coefficient after the parent, exponents, signs, division).
        var text = """
            net { }
            discrete node D1 { states = ("a" "b"); }
            node D2 { states = ("x" "y" "z"); }
            continuous node Z1 { }
            continuous node Z2 { }
            continuous node Y { label = "the outcome"; }
            potential ( D1 ) { data = ( 0.5 0.5 ); }
            potential ( D2 ) { data = ( 0.2 0.3 0.5 ); }
            potential ( Z1 ) { data = normal ( -1.5e0, 2.25 ); }
            potential ( Z2 | D1 ) { data = ( normal ( 10, 1 ) normal ( 10, 1 ) ); }
            potential ( Y | D1 Z1 D2 Z2 )
            {
                data = ( ( normal ( 1+2*Z1, 4 )              % D1 = a, D2 = x
                           normal ( Z1 * 2 + 1 - Z2 / 4, 4 ) % D1 = a, D2 = y
                           normal ( 3, 4 ) )                 % D1 = a, D2 = z
                         ( normal ( -Z2, 1e-2 )              % D1 = b, D2 = x
                           normal ( 0.5 + -0.5 * Z1, 9 )     % D1 = b, D2 = y
                           normal ( 2.5E+1 * Z1 + 0 * Z2, 1 ) ) ); % D1 = b, D2 = z
            }
            """;

        // When
        var model = Load(text, ModelFormat.Net);

        // Then
        var y = model["Y"];
        Assert.Equal(VariableKind.Continuous, y.Kind);
        Assert.Equal("the outcome", y.Label);
        Assert.Equal(["D1", "Z1", "D2", "Z2"], y.Parents.Select(p => model.Variables[p].Name));
        var normal = Assert.IsType<DistributionConditional>(y.Conditional);
        Assert.Equal(NodeType.Normal, normal.Family);
        Assert.Equal(
            "if(D1 == \"a\", if(D2 == \"x\", 1 + 2 * Z1, if(D2 == \"y\", 1 + 2 * Z1 - 0.25 * Z2, 3)), if(D2 == \"x\", -Z2, if(D2 == \"y\", 0.5 - 0.5 * Z1, 25 * Z1)))",
            normal.Parameters[0].Text);
        Assert.Equal("if(D1 == \"a\", 2, if(D2 == \"x\", 0.1, if(D2 == \"y\", 3, 1)))", normal.Parameters[1].Text);
        (double Mean, double Sd) At(string d1, string d2, double z1, double z2)
        {
            double ValueOf(int v) => model.Variables[v].Name switch
            {
                "D1" => model["D1"].LevelIndex(d1),
                "D2" => model["D2"].LevelIndex(d2),
                "Z1" => z1,
                _ => z2,
            };
            return (ScalarEvaluator.Evaluate(normal.Parameters[0].Expression, ValueOf), ScalarEvaluator.Evaluate(normal.Parameters[1].Expression, ValueOf));
        }

        Assert.Equal((1 + (2 * 3.0) - (0.25 * 8), 2), At("a", "y", 3, 8));
        Assert.Equal((-8, 0.1), At("b", "x", 3, 8));
        Assert.Equal((25 * 3.0, 1), At("b", "z", 3, 8));

        // Equal configurations collapse: Z2's mean and sd are plain numbers, as is a root's.
        var z2 = Assert.IsType<DistributionConditional>(model["Z2"].Conditional);
        Assert.Equal(["10", "1"], z2.Parameters.Select(p => p.Text));
        Assert.Equal(["D1"], model["Z2"].Parents.Select(p => model.Variables[p].Name));
        var z1 = Assert.IsType<DistributionConditional>(model["Z1"].Conditional);
        Assert.Equal(["-1.5", "1.5"], z1.Parameters.Select(p => p.Text));
    }

    [Fact]
    public void Should_QuoteNamesAndLevels_When_TheyAreNotPlainIdentifiers()
    {
        // Given: a parent named like an operator expression, a keyword, levels with quotes and blanks,
        // and a parent with ten levels (written with halves split by '<' beyond a few levels).
        var levels = string.Join(" ", Enumerable.Range(0, 10).Select(k => $"\"L{k}\""));
        var text = $$"""
            node in { states = ("it's" "no way" "0"); }
            node many { states = ({{levels}}); }
            continuous node x-y { }
            continuous node and { }
            potential ( in ) { data = ( 0.2 0.3 0.5 ); }
            potential ( many ) { data = ( 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 ); }
            potential ( x-y ) { data = normal ( 0, 1 ); }
            potential ( and | in x-y many )
            {
                data = ( {{string.Join(" ", Enumerable.Range(0, 30).Select(k => $"normal ( {k} + {k + 1} * x-y, {k + 1} )"))}} );
            }
            """;

        // When
        var model = Load(text, ModelFormat.Net);

        // Then
        var node = model["and"];
        var normal = Assert.IsType<DistributionConditional>(node.Conditional);
        Assert.Contains("`in` == \"it's\"", normal.Parameters[0].Text, StringComparison.Ordinal);
        Assert.Contains("many < \"L5\"", normal.Parameters[0].Text, StringComparison.Ordinal);
        Assert.Contains("* `x-y`", normal.Parameters[0].Text, StringComparison.Ordinal);
        for (var a = 0; a < 3; a++)
        {
            for (var m = 0; m < 10; m++)
            {
                var k = (a * 10) + m;
                double ValueOf(int v) => model.Variables[v].Name switch
                {
                    "in" => a,
                    "many" => m,
                    _ => 2.0,
                };
                Assert.Equal(k + ((k + 1) * 2.0), ScalarEvaluator.Evaluate(normal.Parameters[0].Expression, ValueOf));
                Assert.Equal(Math.Sqrt(k + 1), ScalarEvaluator.Evaluate(normal.Parameters[1].Expression, ValueOf));
            }
        }
    }

    [Theory]
    [InlineData("potential ( C | A ) { data = ( normal ( 1, 1 ) normal ( 2, 0 ) ); }", DiagnosticCodes.OutOfDomain, 5, 60)]
    [InlineData("potential ( C | A ) { data = ( normal ( 1, 1 ) normal ( 2, -4 ) ); }", DiagnosticCodes.OutOfDomain, 5, 60)]
    [InlineData("potential ( C | A ) {\n  data = ( normal ( 1, 1 ) );\n}", DiagnosticCodes.RowLength, 6, 3)]
    [InlineData("potential ( C | A ) {\n  data = ( normal ( 1, 1 ) normal ( 1, 1 ) normal ( 1, 1 ) );\n}", DiagnosticCodes.RowLength, 6, 3)]
    [InlineData("potential ( C | A B ) { data = ( normal ( 1 + A, 1 ) normal ( 1, 1 ) ); }", DiagnosticCodes.FormatSyntax, 5, 47)]
    [InlineData("potential ( C | A B ) { data = ( normal ( 1 + B * B, 1 ) normal ( 1, 1 ) ); }", DiagnosticCodes.FormatSyntax, 5, 51)]
    [InlineData("potential ( C | A B ) { data = ( normal ( 1 + Q, 1 ) normal ( 1, 1 ) ); }", DiagnosticCodes.FormatSyntax, 5, 47)]
    [InlineData("potential ( C | A B ) { data = ( normal ( 1 / B, 1 ) normal ( 1, 1 ) ); }", DiagnosticCodes.FormatSyntax, 5, 47)]
    [InlineData("potential ( C | A B ) { data = ( normal ( (1 + B), 1 ) normal ( 1, 1 ) ); }", DiagnosticCodes.FormatSyntax, 5, 43)]
    [InlineData("potential ( C | A ) { data = ( normal ( 1 ) normal ( 1, 1 ) ); }", DiagnosticCodes.FormatSyntax, 5, 43)]
    [InlineData("potential ( C | A ) { data = ( normal ( 1, 2 * 2 ) normal ( 1, 1 ) ); }", DiagnosticCodes.FormatSyntax, 5, 44)]
    [InlineData("potential ( C | A ) { data = ( 0.5 normal ( 1, 1 ) normal ( 1, 1 ) ); }", DiagnosticCodes.FormatSyntax, 5, 32)]
    [InlineData("potential ( C | A ) { data = ( 0.5 0.5 ); }", DiagnosticCodes.FormatSyntax, 5, 1)]
    [InlineData("potential ( C | A ) { data = ( normal ( 1, 1 ) normal ( 2 + , 1 ) ); }", DiagnosticCodes.FormatSyntax, 5, 59)]
    [InlineData("potential ( C | A ) { data = ( normal ( 1, 1 ) normal ( 1e400, 1 ) ); }", DiagnosticCodes.FormatSyntax, 5, 57)]
    [InlineData("", DiagnosticCodes.FormatSyntax, 3)]
    [InlineData("node E { states = (\"e0\" \"e1\"); }\npotential ( E | B ) { data = ( 0.5 0.5 ); }\npotential ( C | A ) { data = ( normal ( 1, 1 ) normal ( 2, 1 ) ); }", DiagnosticCodes.ContinuousNotSupported, 6, 17)]
    public void Should_RefuseAtTheLine_When_ACgPotentialIsWrong(string potential, string code, int line, int column = 0)
    {
        // Given: A discrete, B and C continuous
        var text = "node A { states = (\"a\" \"b\"); }\npotential (A) { data = (0.5 0.5); }\ncontinuous node C { }\ncontinuous node B { }\n"
            + (potential.Length == 0 ? "potential ( B ) { data = normal ( 0, 1 ); }\n" : potential + "\npotential ( B ) { data = normal ( 0, 1 ); }\n");

        // When
        var result = Read(text, ModelFormat.Net);

        // Then
        Assert.Null(result.Model);
        var errors = result.Errors.Where(d => d.Code == code && d.Location.Line == line).ToList();
        Assert.True(errors.Count > 0, $"no {code} at line {line}; the errors are:\n{string.Join("\n", result.Errors)}");
        if (column > 0)
        {
            Assert.Equal(column, errors[0].Location.Column);
        }
    }
}

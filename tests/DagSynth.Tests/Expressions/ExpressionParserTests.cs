using DagSynth.Expressions;

namespace DagSynth.Tests.Expressions;

[Trait("Category", "Unit")]
public sealed class ExpressionParserTests
{
    [Theory]
    [InlineData("a or b and not c", "Or(a, And(b, Not(c)))")]
    [InlineData("not a and b", "And(Not(a), b)")]
    [InlineData("x == \"1\" or y != 'z'", "Or(Equal(x, \"1\"), NotEqual(y, \"z\"))")]
    [InlineData("x not in [\"a\", \"b\"]", "NotIn(x, [\"a\", \"b\"])")]
    [InlineData("-2 ^ 2 + 3 * 4", "Add(Negate(Power(2, 2)), Multiply(3, 4))")]
    [InlineData("2 ^ 3 ^ 2", "Power(2, Power(3, 2))")]
    [InlineData("`light on` and max(1, 2e-3) >= .5", "And(light on, GreaterOrEqual(max(1, 0.002), 0.5))")]
    public void Should_RespectPrecedence_When_Parsing(string text, string expected)
    {
        var (expr, errors) = ExpressionParser.Parse(text);
        Assert.Empty(errors);
        Assert.Equal(expected, Show(expr!));
    }

    [Theory]
    [InlineData("", 0, "the expression is empty")]
    [InlineData("a and", 5, "the expression ends too early")]
    [InlineData("a = b", 2, "use '=='")]
    [InlineData("a && b", 2, "use 'and'")]
    [InlineData("(a or b", 7, "expected ')' to close the one at column 1")]
    [InlineData("x in \"a\"", 5, "expected '[' after 'in'")]
    [InlineData("a < b < c", 6, "comparisons cannot be chained")]
    [InlineData("\"open", 0, "unterminated string")]
    public void Should_PointAtTheColumn_When_TheExpressionIsMalformed(string text, int offset, string message)
    {
        var (expr, errors) = ExpressionParser.Parse(text);
        Assert.Null(expr);
        var error = Assert.Single(errors);
        Assert.Equal(offset, error.Offset);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_RefuseWithoutOverflowingTheStack_When_NestingIsHostile()
    {
        var text = new string('(', 100_000) + "a" + new string(')', 100_000);
        var (expr, errors) = ExpressionParser.Parse(text);
        Assert.Null(expr);
        Assert.Contains("nested more than", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    private static string Show(Expr e) => e switch
    {
        NumberExpr n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        StringExpr s => $"\"{s.Value}\"",
        BooleanExpr b => b.Value ? "true" : "false",
        NameExpr n => n.Name,
        UnaryExpr u => $"{u.Operator}({Show(u.Operand)})",
        BinaryExpr b => $"{b.Operator}({Show(b.Left)}, {Show(b.Right)})",
        InExpr i => $"{(i.Negated ? "NotIn" : "In")}({Show(i.Value)}, [{string.Join(", ", i.Items.Select(Show))}])",
        CallExpr c => $"{c.Function}({string.Join(", ", c.Arguments.Select(Show))})",
        ListExpr l => $"[{string.Join(", ", l.Items.Select(Show))}]",
        _ => "?",
    };
}

namespace DagSynth.Diagnostics;

/// <summary>
/// The stable diagnostic codes. A code never changes meaning once released; new problems get new
/// codes. <c>docs/diagnostics.md</c> lists every code. Ranges: DS01xx document, DS02xx variables and
/// tables, DS03xx rules and expressions, DS04xx inference and requests, DS05xx parameters, DS06xx
/// interchange formats, DS09xx input/output; each area may keep its codes in its own partial file.
/// </summary>
public static partial class DiagnosticCodes
{
    // DS01xx: the document (syntax and shape of the file).

    /// <summary>The file is not well-formed YAML or JSON.</summary>
    public const string Syntax = "DS0101";

    /// <summary>A key that the format does not define.</summary>
    public const string UnknownKey = "DS0102";

    /// <summary>A value of the wrong shape (a list where a mapping is expected, and so on).</summary>
    public const string WrongShape = "DS0103";

    /// <summary>A key given twice in one mapping.</summary>
    public const string DuplicateKey = "DS0104";

    /// <summary>A required key is missing.</summary>
    public const string MissingKey = "DS0105";

    /// <summary>The <c>dagsynth:</c> format version is missing or not supported.</summary>
    public const string FormatVersion = "DS0106";

    /// <summary>A value that should be a number is not one.</summary>
    public const string NotANumber = "DS0107";

    /// <summary>The file holds no model.</summary>
    public const string EmptyDocument = "DS0108";

    /// <summary>A value that should be true or false is neither.</summary>
    public const string NotABoolean = "DS0109";

    // DS02xx: variables, levels and tables.

    /// <summary>Two variables have the same name.</summary>
    public const string DuplicateVariable = "DS0201";

    /// <summary>A parent in <c>given</c> is not a variable of the model.</summary>
    public const string UnknownParent = "DS0202";

    /// <summary>A probability row does not sum to 1.</summary>
    public const string RowSum = "DS0203";

    /// <summary>A probability row has the wrong number of values.</summary>
    public const string RowLength = "DS0204";

    /// <summary>A probability is negative, NaN or infinite.</summary>
    public const string BadProbability = "DS0205";

    /// <summary>A level name that the variable does not have.</summary>
    public const string UnknownLevel = "DS0206";

    /// <summary>A parent configuration that no table entry covers.</summary>
    public const string UncoveredConfiguration = "DS0207";

    /// <summary>A parent configuration matched by two equally specific table entries.</summary>
    public const string AmbiguousConfiguration = "DS0208";

    /// <summary>The graph has a directed cycle.</summary>
    public const string Cycle = "DS0209";

    /// <summary>A table, or the whole model, is too large to hold.</summary>
    public const string TooLarge = "DS0210";

    /// <summary>A discrete variable without levels.</summary>
    public const string NoLevels = "DS0211";

    /// <summary>A level listed twice.</summary>
    public const string DuplicateLevel = "DS0212";

    /// <summary>A <c>when</c> names a variable that is not a parent.</summary>
    public const string WhenNotParent = "DS0213";

    /// <summary>A root variable with a table, or a child with a single <c>probs</c>.</summary>
    public const string DistributionShape = "DS0214";

    /// <summary>A variable with no distribution at all.</summary>
    public const string MissingDistribution = "DS0215";

    /// <summary>A parent listed twice in <c>given</c>.</summary>
    public const string DuplicateParent = "DS0216";

    /// <summary>A table entry that never applies because more specific entries cover all it matches.</summary>
    public const string UnusedEntry = "DS0217";

    /// <summary>An unknown variable <c>type</c>.</summary>
    public const string UnknownType = "DS0218";

    /// <summary>A probability map that leaves out some levels.</summary>
    public const string MissingLevels = "DS0219";

    /// <summary>A number refers to a parameter that does not exist.</summary>
    public const string UnknownParameter = "DS0220";

    /// <summary>An empty or otherwise unusable level or variable name.</summary>
    public const string BadName = "DS0221";

    /// <summary>A variable listed among its own parents.</summary>
    public const string SelfParent = "DS0222";

    /// <summary>A row that did not sum to 1 and was rescaled (with <c>normalize: true</c> or within the rounding tolerance).</summary>
    public const string Renormalized = "DS0223";

    /// <summary>A variable with more levels than the limit.</summary>
    public const string TooManyLevels = "DS0224";

    /// <summary>Boolean variables have exactly the levels false and true.</summary>
    public const string BooleanLevels = "DS0225";

    /// <summary>A formula uses a variable that is not in the <c>given</c> list.</summary>
    public const string NotGiven = "DS0226";

    /// <summary>A table's parent is not discrete (a number must be cut into levels first).</summary>
    public const string NumericParentOfTable = "DS0227";

    /// <summary>A distribution parameter or setting is out of its domain.</summary>
    public const string OutOfDomain = "DS0228";

    /// <summary>The settings of a node are incomplete or contradictory (a missing parameter, two parameter sets).</summary>
    public const string BadSettings = "DS0229";

    // DS03xx: rules and expressions.

    /// <summary>An expression that cannot be parsed.</summary>
    public const string ExpressionSyntax = "DS0301";

    /// <summary>An expression names an unknown variable.</summary>
    public const string UnknownName = "DS0302";

    /// <summary>An expression compares a variable with a level it does not have.</summary>
    public const string UnknownLevelInExpression = "DS0303";

    /// <summary>An expression mixes types (a level where a number is expected, and so on).</summary>
    public const string TypeMismatch = "DS0304";

    /// <summary>A generated row breaks a rule.</summary>
    public const string RuleViolated = "DS0305";

    /// <summary>A rule of an unknown kind.</summary>
    public const string UnknownRuleKind = "DS0306";

    /// <summary>A function that the expression language does not have.</summary>
    public const string UnknownFunction = "DS0307";

    /// <summary>A generated value is out of its domain (a negative sd for some parent values, a division by zero).</summary>
    public const string DomainAtGeneration = "DS0308";

    // DS05xx: parameters.

    /// <summary>A parameter defined twice.</summary>
    public const string DuplicateParameter = "DS0501";

    // DS09xx: input, output and requests.

    /// <summary>A file that cannot be read.</summary>
    public const string CannotRead = "DS0901";

    /// <summary>An output file that exists already (and <c>--force</c> was not given).</summary>
    public const string OutputExists = "DS0902";

    /// <summary>An output that cannot be written.</summary>
    public const string CannotWrite = "DS0903";

    /// <summary>A file extension that names no supported format.</summary>
    public const string UnknownFormat = "DS0904";

    /// <summary>A command-line value that is not valid.</summary>
    public const string BadArgument = "DS0905";
}

namespace DagSynth.Diagnostics;

public static partial class DiagnosticCodes
{
    // DS06xx: interchange formats (BIF, XMLBIF, Hugin NET, DSC, UAI, XDSL) and export.

    /// <summary>An interchange file that does not follow its format's grammar (or is not well-formed XML).</summary>
    public const string FormatSyntax = "DS0601";

    /// <summary>
    /// A construct of the format that DagSynth does not read: object-oriented NET classes, table
    /// generators, noisy-MAX parameters, decision and utility nodes, MARKOV networks, XMLBIF 0.2.
    /// </summary>
    public const string UnsupportedConstruct = "DS0602";

    /// <summary>
    /// A continuous construct that cannot be read: a BIF or DSC variable that is not discrete; in NET,
    /// <c>normal(...)</c> potentials on a discrete node, or a discrete node with a continuous parent.
    /// </summary>
    public const string ContinuousNotSupported = "DS0603";

    /// <summary>A variable whose declared number of states differs from the states it lists.</summary>
    public const string StateCountMismatch = "DS0604";

    /// <summary>A table for a variable that the file does not declare.</summary>
    public const string UndeclaredVariable = "DS0605";

    /// <summary>A second table for the same variable.</summary>
    public const string DuplicateTable = "DS0606";

    /// <summary>A file that is not text in a known encoding (binary content, an unknown or undecodable encoding).</summary>
    public const string Encoding = "DS0607";

    /// <summary>A file, name or number too large to be a model.</summary>
    public const string InputTooLarge = "DS0608";

    /// <summary>
    /// Input that the format's specification does not allow but that real files contain and that is
    /// read anyway (text between BIF blocks, comments in UAI, a DSC file without its banner, ...).
    /// </summary>
    public const string LenientInput = "DS0609";

    /// <summary>A row of a table that names the wrong number of parent levels.</summary>
    public const string RowKeyCount = "DS0610";

    /// <summary>
    /// Something of the model that the target format cannot express (rules, the default seed, names):
    /// an error, or a warning when the loss was accepted with <c>--lossy</c>.
    /// </summary>
    public const string ExportLoss = "DS0611";

    /// <summary>Descriptive metadata (labels, descriptions, variable types) that the target format does not carry.</summary>
    public const string MetadataDropped = "DS0612";
}

namespace DagSynth.Diagnostics;

public static partial class DiagnosticCodes
{
    // DS04xx: inference and requests (queries, evidence, rule proofs, associations).

    /// <summary>The evidence of a query has probability 0 under the model.</summary>
    public const string ImpossibleEvidence = "DS0401";

    /// <summary>An exact computation would need tables larger than the memory budget.</summary>
    public const string MemoryBudgetExceeded = "DS0402";

    /// <summary>A query names a variable the model does not have.</summary>
    public const string QueryUnknownVariable = "DS0403";

    /// <summary>A query names a level the variable does not have.</summary>
    public const string QueryUnknownLevel = "DS0404";

    /// <summary>A query that cannot be parsed.</summary>
    public const string QuerySyntax = "DS0405";

    /// <summary>A query names a variable twice, or as both target and evidence, or with two different levels.</summary>
    public const string QueryConflict = "DS0406";

    /// <summary>A <c>never</c> rule can be broken: the probability of its condition is above 0.</summary>
    public const string RuleNotProven = "DS0407";

    /// <summary>A rule whose probability could not be computed exactly (it is still checked on every generated row).</summary>
    public const string RuleUndecided = "DS0408";

    /// <summary>Exact inference reaches a variable that is not discrete.</summary>
    public const string NotDiscrete = "DS0409";

    /// <summary>A conditional risk that cannot be computed because its conditioning event has probability 0.</summary>
    public const string UndefinedAssociation = "DS0410";

    /// <summary>Conditioning by rejection made its largest number of attempts for a row without meeting the conditions.</summary>
    public const string RejectionLimit = "DS0411";

    /// <summary>A design (quotas, case-control, potential outcomes) that cannot be built as asked.</summary>
    public const string BadDesign = "DS0412";
}

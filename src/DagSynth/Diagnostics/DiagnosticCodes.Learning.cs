namespace DagSynth.Diagnostics;

public static partial class DiagnosticCodes
{
    // DS08xx (continued): learning a model's parameters from data.

    /// <summary>A variable of the model to learn is not a discrete table (a formula, a distribution, a logistic node...).</summary>
    public const string NotLearnable = "DS0804";

    /// <summary>Maximum-likelihood learning met parent configurations the data never shows; their rows were made uniform.</summary>
    public const string UnseenConfiguration = "DS0805";
}

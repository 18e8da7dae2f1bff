using DagSynth.Models;
using DagSynth.Testing;

namespace DagSynth.Tests.Inference;

/// <summary>Small models with known answers for inference tests.</summary>
internal static class TestModels
{
    private static readonly string[] YesNo = ["yes", "no"];
    private static readonly string[] NoYes = ["no", "yes"];

    /// <summary>Lauritzen and Spiegelhalter's chest clinic (bnlearn's asia), levels [yes, no].</summary>
    public static Model Asia() => new SpecBuilder()
        .Root("asia", YesNo, 0.01, 0.99)
        .Child("tub", YesNo, ["asia"], [YesNo], [[0.05, 0.95], [0.01, 0.99]])
        .Root("smoke", YesNo, 0.5, 0.5)
        .Child("lung", YesNo, ["smoke"], [YesNo], [[0.1, 0.9], [0.01, 0.99]])
        .Child("bronc", YesNo, ["smoke"], [YesNo], [[0.6, 0.4], [0.3, 0.7]])
        .Child("either", YesNo, ["lung", "tub"], [YesNo, YesNo], [[1, 0], [1, 0], [1, 0], [0, 1]])
        .Child("xray", YesNo, ["either"], [YesNo], [[0.98, 0.02], [0.05, 0.95]])
        .Child("dysp", YesNo, ["bronc", "either"], [YesNo, YesNo], [[0.9, 0.1], [0.8, 0.2], [0.7, 0.3], [0.1, 0.9]])
        .BuildModel();

    /// <summary>
    /// Age confounds smoking and cardiovascular disease: P(cvd | do(smoker)) differs from
    /// P(cvd | smoker). Levels [no, yes] / [young, old].
    /// </summary>
    public static Model Confounded() => new SpecBuilder()
        .Root("age", ["young", "old"], 0.6, 0.4)
        .Child("smoker", NoYes, ["age"], [["young", "old"]], [[0.7, 0.3], [0.4, 0.6]])
        .Child("cvd", NoYes, ["age", "smoker"], [["young", "old"], NoYes], [[0.95, 0.05], [0.9, 0.1], [0.8, 0.2], [0.6, 0.4]])
        .BuildModel();

    /// <summary>Treatment only for hypertension; with <paramref name="leak"/> &gt; 0, some without it are treated too.</summary>
    public static Model Treatment(double leak) => new SpecBuilder()
        .Root("hypertension", NoYes, 0.7, 0.3)
        .Child("treated", NoYes, ["hypertension"], [NoYes], [[1 - leak, leak], [0.4, 0.6]])
        .Root("sex", ["female", "male"], 0.5, 0.5)
        .Never("treated == \"yes\" and hypertension == \"no\"")
        .Never("sex == \"female\" and sex == \"male\"")
        .BuildModel();
}

namespace DagSynth.Calibration;

/// <summary>What a calibration target states about the generated population.</summary>
public enum TargetKind
{
    /// <summary>P(variable = level), overall or within a stratum (<c>prevalence</c> or <c>probability</c>).</summary>
    Probability,

    /// <summary>The mean of a numeric variable (<c>mean</c>).</summary>
    Mean,

    /// <summary>The standard deviation of a numeric variable (<c>sd</c>).</summary>
    StandardDeviation,

    /// <summary>The odds ratio of an outcome between two levels of an exposure, crude or causal (<c>odds_ratio</c>).</summary>
    OddsRatio,

    /// <summary>The risk ratio (<c>risk_ratio</c>).</summary>
    RiskRatio,

    /// <summary>The risk difference (<c>risk_difference</c>).</summary>
    RiskDifference,

    /// <summary>The Pearson correlation of two numeric or boolean variables (<c>correlation</c>).</summary>
    Correlation,

    /// <summary>The area under the ROC curve of an outcome's probability given its parents (<c>auc</c>).</summary>
    Auc,
}

/// <summary>The model file's names of the target kinds.</summary>
public static class TargetKinds
{
    /// <summary>The key that introduces a target of <paramref name="kind"/> under <c>targets:</c> (<c>probability</c> for both spellings of a probability).</summary>
    public static string KeyOf(TargetKind kind) => kind switch
    {
        TargetKind.Probability => "probability",
        TargetKind.Mean => "mean",
        TargetKind.StandardDeviation => "sd",
        TargetKind.OddsRatio => "odds_ratio",
        TargetKind.RiskRatio => "risk_ratio",
        TargetKind.RiskDifference => "risk_difference",
        TargetKind.Correlation => "correlation",
        TargetKind.Auc => "auc",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a target kind"),
    };
}

namespace DagSynth.IO.Formats;

/// <summary>The model file formats DagSynth reads and writes.</summary>
public enum ModelFormat
{
    /// <summary>DagSynth's own format in YAML (<c>.yaml</c>, <c>.yml</c>).</summary>
    Yaml,

    /// <summary>DagSynth's own format in JSON (<c>.json</c>).</summary>
    Json,

    /// <summary>The Bayesian-network Interchange Format 0.15 (<c>.bif</c>), as bnlearn, pgmpy and JavaBayes write it.</summary>
    Bif,

    /// <summary>XMLBIF 0.3 (<c>.xmlbif</c>, <c>.xml</c>), as JavaBayes, Weka, pgmpy and aGrUM write it.</summary>
    XmlBif,

    /// <summary>Hugin's NET language (<c>.net</c>), as Hugin, GeNIe, bnlearn and aGrUM write it.</summary>
    Net,

    /// <summary>bnlearn's DSC format (<c>.dsc</c>), from Microsoft's belief-network proposal.</summary>
    Dsc,

    /// <summary>The UAI competition format for <c>BAYES</c> networks (<c>.uai</c>): numbers only, no names.</summary>
    Uai,

    /// <summary>GeNIe/SMILE's XDSL (<c>.xdsl</c>).</summary>
    Xdsl,
}

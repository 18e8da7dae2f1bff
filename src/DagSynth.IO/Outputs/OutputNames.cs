namespace DagSynth.IO.Outputs;

/// <summary>
/// The names of the files written next to an output <c>DIR/NAME.EXT</c>: per dataset (the whole
/// data, a split part <c>NAME.train</c>, a variant <c>NAME.v01</c> or both, <c>NAME.v01.train</c>) the
/// data <c>BASE.EXT</c>, and when asked <c>BASE.clean.EXT</c>, <c>BASE.complete.EXT</c>,
/// <c>BASE.mask.EXT</c>, <c>BASE.dirty-log.csv</c>; once per run <c>NAME.codebook.md</c>/<c>.json</c>,
/// <c>NAME.load.R</c>, <c>NAME.load.py</c>, <c>NAME.answer-key.md</c>/<c>.json</c> and
/// <c>NAME.manifest.json</c>.
/// </summary>
/// <param name="Output">The output path as given (<c>cvd.csv</c>).</param>
public sealed record OutputNames(string Output)
{
    /// <summary>The output path without its extension (<c>dir/cvd</c>).</summary>
    public string Stem => Path.Combine(Path.GetDirectoryName(Output) ?? string.Empty, Path.GetFileNameWithoutExtension(Output));

    /// <summary>The data extension, with its dot.</summary>
    public string Extension => Path.GetExtension(Output);

    /// <summary>The stem of one dataset: the variant (1-based, or 0 for none) and split part (or null).</summary>
    public string Dataset(int variant, int variantCount, string? part)
    {
        var stem = Stem;
        if (variant > 0)
        {
            var width = Math.Max(2, variantCount.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
            stem += ".v" + variant.ToString(new string('0', width), System.Globalization.CultureInfo.InvariantCulture);
        }

        return part is null ? stem : stem + "." + part;
    }

    /// <summary>A per-run file: <c>STEM.SUFFIX</c> (<c>codebook.md</c>, <c>manifest.json</c>...).</summary>
    public string RunFile(string suffix) => Stem + "." + suffix;
}

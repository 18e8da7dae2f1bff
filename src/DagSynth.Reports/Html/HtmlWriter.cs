using System.Globalization;
using System.Text;
using DagSynth.Calibration;
using DagSynth.Models;
using DagSynth.Reports.Content;
using DagSynth.Reports.Graphs;
using DagSynth.Reports.Statistics;
using static DagSynth.Reports.Html.Markup;

namespace DagSynth.Reports.Html;

/// <summary>Writes a <see cref="ReportContent"/> as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched.</summary>
internal static class HtmlWriter
{
    /// <summary>The page's section headings, in order, with their anchors.</summary>
    public static readonly (string Id, string Title)[] Sections =
    [
        ("summary", "Summary"),
        ("model", "The model"),
        ("variables", "Variables: declared versus generated"),
        ("associations", "Associations: declared versus achieved"),
        ("rules", "Rules"),
        ("targets", "Targets: requested versus achieved"),
        ("missingness", "Missingness"),
        ("manifest", "Run manifest"),
        ("methods", "How to read this report"),
    ];

    /// <summary>Writes the page.</summary>
    public static string Write(ReportContent content)
    {
        var request = content.Request;
        var model = request.Model;
        var sb = new StringBuilder(256 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<meta name=\"generator\" content=\"DagSynth ").Append(Escape(request.Version)).Append("\">\n");
        sb.Append("<title>").Append(Escape($"{model.Name}: declared versus generated — DagSynth report")).Append("</title>\n");
        sb.Append("<style>\n").Append(Styles.Css).Append("</style>\n</head>\n<body>\n");

        Header(sb, content);
        sb.Append("<nav class=\"toc\" aria-label=\"Sections\"><ol>");
        foreach (var (id, title) in Sections)
        {
            sb.Append("<li><a href=\"#").Append(id).Append("\">").Append(Escape(title)).Append("</a></li>");
        }

        sb.Append("</ol></nav>\n<main>\n");
        Summary(sb, content);
        ModelSection(sb, content);
        Variables(sb, content);
        Associations(sb, content);
        Rules(sb, content);
        Targets(sb, content);
        Missingness(sb, content);
        Manifest(sb, content);
        Methods(sb, content);
        sb.Append("</main>\n<footer>Made by DagSynth ").Append(Escape(request.Version));
        if (request.Timestamp is { } time)
        {
            sb.Append(" on ").Append(Timestamp(time));
        }

        sb.Append(". This page is self-contained: it loads nothing from the network.</footer>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static void Header(StringBuilder sb, ReportContent content)
    {
        var request = content.Request;
        var model = request.Model;
        sb.Append("<header class=\"page-header\">\n<p class=\"eyebrow\">DagSynth report</p>\n<h1>").Append(Escape(model.Name)).Append("</h1>\n");
        if (model.Description is { } description)
        {
            sb.Append("<p class=\"lede\">").Append(Escape(description)).Append("</p>\n");
        }

        sb.Append("<p class=\"meta\">").Append(Escape(DataSentence(content))).Append("</p>\n</header>\n");
    }

    private static string DataSentence(ReportContent content)
    {
        var request = content.Request;
        var rows = Count(request.Data.Rows);
        return request.Source.Generated
            ? $"{rows} rows generated from {Describe(request.ModelFile)} with seed {request.Source.Seed.ToString(CultureInfo.InvariantCulture)}, compared with what the model declares."
            : $"{rows} rows read from {request.Source.File}, compared with what {Describe(request.ModelFile)} declares.";
    }

    private static string Describe(string modelFile) => string.IsNullOrEmpty(modelFile) ? "the model" : modelFile;

    private static void Open(StringBuilder sb, string id)
    {
        var title = Sections.First(s => s.Id == id).Title;
        sb.Append("<section id=\"").Append(id).Append("\" aria-labelledby=\"").Append(id).Append("-h\">\n<h2 id=\"").Append(id).Append("-h\">")
            .Append(Escape(title)).Append("</h2>\n");
    }

    private static void Close(StringBuilder sb) => sb.Append("</section>\n");

    private static void Summary(StringBuilder sb, ReportContent content)
    {
        Open(sb, "summary");
        var model = content.Request.Model;
        var checks = content.Checks;
        var flags = content.Flags;
        var expected = checks * 0.05;
        sb.Append("<div class=\"tiles\">\n");
        Tile(sb, Count(content.Request.Data.Rows), "rows of data", null);
        Tile(sb, Count(model.Variables.Length), $"variables, {Count(model.EdgeCount)} arrows", null);
        Tile(sb, $"{Count(flags)} of {Count(checks)}", "checks outside their 95% interval", flags == 0 ? "ok" : flags > Math.Max(1, 2 * expected) ? "flagged" : null);
        Tile(
            sb,
            model.Rules.IsEmpty ? "none" : $"{Count(content.Rules.Count(r => r.Broken == 0))} of {Count(content.Rules.Length)}",
            model.Rules.IsEmpty ? "rules declared" : "rules kept by every row",
            model.Rules.IsEmpty ? null : content.RuleProblems == 0 ? "ok" : "flagged");
        if (content.Targets is { } targets)
        {
            var outside = targets.OutsideData;
            Tile(
                sb,
                $"{Count(targets.Met)} of {Count(targets.Rows.Length)}",
                "calibration targets met by the model" + (outside == 0 ? string.Empty : $"; {Count(outside)} requested value{(outside == 1 ? "" : "s")} outside the data's 95% interval"),
                targets.Met == targets.Rows.Length ? "ok" : "flagged");
        }

        sb.Append("</div>\n");
        sb.Append("<p>Each check compares a value the model declares (exact where inference covers it, otherwise simulated) with the same value in the data and its 95% confidence interval. ");
        sb.Append(Escape(string.Create(CultureInfo.InvariantCulture, $"Even when the data follow the model exactly, about 1 check in 20 falls outside its interval by chance: here about {expected:0.#} of {checks}.")));
        sb.Append(flags == 0 ? " None did." : flags <= Math.Max(1, 2 * expected) ? " The flags below are within what chance explains." : " More fell outside than chance explains: look at the flags below.");
        sb.Append("</p>\n");
        var flagged = FlaggedItems(content);
        if (flagged.Count > 0)
        {
            sb.Append("<ul class=\"flag-list\">\n");
            foreach (var (anchor, text) in flagged)
            {
                sb.Append("<li><a href=\"#").Append(anchor).Append("\">").Append(Escape(text)).Append("</a></li>\n");
            }

            sb.Append("</ul>\n");
        }

        foreach (var note in content.Notes)
        {
            sb.Append("<p class=\"note\">").Append(Escape(note)).Append("</p>\n");
        }

        Close(sb);
    }

    private static List<(string Anchor, string Text)> FlaggedItems(ReportContent content)
    {
        var items = new List<(string, string)>();
        foreach (var section in content.Variables)
        {
            var anchor = VariableAnchor(section.Variable);
            switch (section)
            {
                case DiscreteSection d:
                    foreach (var l in d.Levels.Where(l => l.Flagged))
                    {
                        items.Add((anchor, $"{d.Variable.Name} = {l.Level}: declared {Numbers.Percent(l.Declared)}, generated {Numbers.Percent(l.Achieved.Estimate)} (95% interval {Numbers.PercentRange(l.Achieved)})"));
                        if (d.Levels.Length <= 2)
                        {
                            break;
                        }
                    }

                    break;
                case NumericSection n when n.Flagged:
                    items.Add((anchor, $"mean of {n.Variable.Name}: declared {Numbers.Value(n.Variable, n.Declared.Mean.Estimate)}, generated {Numbers.Value(n.Variable, n.Achieved.Mean.Estimate)} (95% interval {Numbers.ValueRange(n.Variable, n.Achieved.Mean)})"));
                    break;
            }
        }

        foreach (var (o, i) in content.Outcomes.Select((o, i) => (o, i)))
        {
            foreach (var c in o.Contrasts)
            {
                foreach (var (name, m, ratio) in new[] { ("OR", c.OddsRatio, true), ("RR", c.RiskRatio, true), ("RD", c.RiskDifference, false) })
                {
                    if (m.Flagged)
                    {
                        items.Add(($"outcome-{i + 1}", ratio
                            ? $"{name} of {c.Label} for {o.Event}: declared {Numbers.Ratio(m.Declared)}, achieved {Numbers.Ratio(m.Achieved.Estimate)} (95% interval {Numbers.RatioRange(m.Achieved)})"
                            : $"{name} of {c.Label} for {o.Event}: declared {Numbers.Difference(m.Declared)} pts, achieved {Numbers.Difference(m.Achieved.Estimate)} pts (95% interval {Numbers.DifferenceRange(m.Achieved)})"));
                    }
                }
            }
        }

        foreach (var r in content.Rules.Where(r => r.Broken > 0 || r.Status == "violated"))
        {
            items.Add(("rules", $"rule '{r.Rule.Describe()}': {(r.Broken > 0 ? $"{Count(r.Broken)} rows break it" : "the model allows it to be broken")}"));
        }

        foreach (var t in content.Targets?.Rows.Where(r => !r.IsMet) ?? [])
        {
            items.Add(("targets", t.Model is { } m
                ? $"target {t.Target.Label}: requested {TargetValue(t.Target, t.Target.Value)}, the model gives {TargetValue(t.Target, m.Achieved)}: not met"
                : $"target {t.Target.Label}: could not be evaluated on the model"));
        }

        foreach (var m in content.Missingness.Where(m => m.Flagged))
        {
            items.Add(("missingness", $"missing {m.Variable.Name}: declared {Numbers.Percent(m.DeclaredRate)}, achieved {Numbers.Percent(m.Share.Estimate)} (95% interval {Numbers.PercentRange(m.Share)})"));
        }

        return items;
    }

    private static void Tile(StringBuilder sb, string value, string what, string? state)
    {
        sb.Append("<div class=\"tile").Append(state is null ? string.Empty : " " + state).Append("\"><span class=\"value\">").Append(Escape(value))
            .Append("</span><span class=\"what\">").Append(Escape(what)).Append("</span></div>\n");
    }

    private static void ModelSection(StringBuilder sb, ReportContent content)
    {
        var model = content.Request.Model;
        Open(sb, "model");
        var exact = model.Variables.Count(v => content.ExactAvailable && v.IsDiscrete && content.Variables[v.Index] is DiscreteSection { Method: DeclaredMethod.Exact });
        sb.Append("<p>").Append(Escape($"{model.Variables.Length} variables and {model.EdgeCount} arrows; each arrow points from a cause to what it affects. ")).Append(Escape(exact switch
        {
            0 => "No distribution is computed exactly: every declared value comes from the simulated sample.",
            _ when exact == model.Variables.Length => "Every variable's distribution is computed exactly.",
            _ => $"The distribution{(exact == 1 ? " of 1 discrete variable is" : $"s of {exact} discrete variables are")} computed exactly; the rest are estimated from a simulated sample of {Count(content.SimulatedRows)} rows.",
        })).Append("</p>\n");
        sb.Append("<figure class=\"figure-dag\">\n");
        sb.Append(DagSvg.Write(model, new GraphOptions(), null, "dag", standalone: false));
        sb.Append("<figcaption class=\"sr-only\">").Append(Escape(DagSvg.Description(model))).Append("</figcaption>\n</figure>\n");
        Close(sb);
    }

    private static string VariableAnchor(Variable v) => "var-" + v.Index.ToString(CultureInfo.InvariantCulture);

    private static void Variables(StringBuilder sb, ReportContent content)
    {
        Open(sb, "variables");
        sb.Append("<p>For each variable, the distribution the model declares and the one in the data. Bars and the histogram show the data; diamonds and the line show the model. A value outside its interval is marked <span class=\"badge flag\">outside</span>.</p>\n");
        sb.Append("<div class=\"cards\">\n");
        // Identifiers and fake text, about which nothing is declared, come last.
        foreach (var section in content.Variables.OrderBy(s => s is LabelSection ? 1 : 0))
        {
            var v = section.Variable;
            var flagged = section.Flags > 0;
            sb.Append("<article class=\"card").Append(flagged ? " flagged" : string.Empty).Append("\" id=\"").Append(VariableAnchor(v)).Append("\" aria-labelledby=\"")
                .Append(VariableAnchor(v)).Append("-h\">\n<div class=\"card-head\"><h3 id=\"").Append(VariableAnchor(v)).Append("-h\">").Append(Escape(v.Name)).Append("</h3>");
            sb.Append("<span class=\"type\">").Append(Escape(NodeStyles.Subtitle(v) + (v.Unit is { } unit ? $", {unit}" : string.Empty))).Append("</span>");
            switch (section)
            {
                case DiscreteSection d:
                    MethodBadge(sb, d.Method);
                    break;
                case NumericSection:
                    MethodBadge(sb, DeclaredMethod.Simulated);
                    break;
            }

            if (flagged)
            {
                sb.Append("<span class=\"badge flag\">outside</span>");
            }

            sb.Append("</div>\n");
            var about = Parents(content.Request.Model, v);
            if (v.Label is { } label)
            {
                about = label + ". " + about;
            }

            sb.Append("<p class=\"about\">").Append(Escape(about)).Append("</p>\n");
            switch (section)
            {
                case DiscreteSection d:
                    DiscreteCard(sb, d);
                    break;
                case NumericSection n:
                    NumericCard(sb, n);
                    break;
                case LabelSection l:
                    LabelCard(sb, l);
                    break;
            }

            sb.Append("</article>\n");
        }

        sb.Append("</div>\n");
        Close(sb);
    }

    private static string Parents(Model model, Variable v) =>
        v.Parents.IsEmpty ? "No parents." : $"Depends on {string.Join(", ", v.Parents.Select(p => model.Variables[p].Name))}.";

    private static void MethodBadge(StringBuilder sb, DeclaredMethod method) =>
        sb.Append(method == DeclaredMethod.Exact
            ? "<span class=\"badge exact\" title=\"declared values computed exactly\">exact</span>"
            : "<span class=\"badge simulated\" title=\"declared values estimated from a simulated sample\">simulated</span>");

    private static void DiscreteCard(StringBuilder sb, DiscreteSection d)
    {
        var id = VariableAnchor(d.Variable) + "-chart";
        sb.Append("<figure>").Append(Charts.Levels(id, d)).Append("</figure>\n");
        sb.Append("<div class=\"wide\"><table>\n<caption class=\"sr-only\">").Append(Escape($"Levels of {d.Variable.Name}: declared probability, generated share and its 95% interval")).Append("</caption>\n");
        sb.Append("<thead><tr><th scope=\"col\">level</th><th scope=\"col\">declared</th><th scope=\"col\">generated</th><th scope=\"col\">95% interval</th><th scope=\"col\">rows</th><th scope=\"col\" class=\"text\"><span class=\"sr-only\">flag</span></th></tr></thead>\n<tbody>\n");
        foreach (var l in d.Levels)
        {
            sb.Append(l.Flagged ? "<tr class=\"flagged\">" : "<tr>").Append("<th scope=\"row\">").Append(Escape(l.Level)).Append("</th><td>")
                .Append(Escape(Numbers.Percent(l.Declared)));
            if (d.Method == DeclaredMethod.Simulated && l.DeclaredInterval.IsDefined)
            {
                sb.Append("<span class=\"sr-only\"> (simulated)</span>");
            }

            sb.Append("</td><td>").Append(Escape(Numbers.Percent(l.Achieved.Estimate))).Append("</td><td>").Append(Escape(Numbers.PercentRange(l.Achieved)))
                .Append("</td><td>").Append(Count(l.Count)).Append("</td><td class=\"text flag\">").Append(l.Flagged ? "outside" : string.Empty).Append("</td></tr>\n");
        }

        sb.Append("</tbody></table></div>\n");
        if (d.Missing > 0)
        {
            sb.Append("<p class=\"note\">").Append(Escape($"{Count(d.Missing)} missing cells are left out of the shares.")).Append("</p>\n");
        }
    }

    private static void NumericCard(StringBuilder sb, NumericSection n)
    {
        var v = n.Variable;
        var id = VariableAnchor(v) + "-chart";
        if (n.Achieved.Count > 0 || n.Declared.Count > 0)
        {
            sb.Append("<figure>").Append(Charts.Histogram(id, n)).Append("</figure>\n");
        }

        sb.Append("<div class=\"wide\"><table>\n<caption class=\"sr-only\">").Append(Escape($"Summary of {v.Name}: declared (simulated) and generated")).Append("</caption>\n");
        sb.Append("<thead><tr><th scope=\"col\">statistic</th><th scope=\"col\">declared</th><th scope=\"col\">generated</th><th scope=\"col\">95% interval</th><th scope=\"col\" class=\"text\"><span class=\"sr-only\">flag</span></th></tr></thead>\n<tbody>\n");
        sb.Append(n.Flagged ? "<tr class=\"flagged\">" : "<tr>").Append("<th scope=\"row\">mean</th><td>").Append(Escape(Numbers.Value(v, n.Declared.Mean.Estimate)))
            .Append("</td><td>").Append(Escape(Numbers.Value(v, n.Achieved.Mean.Estimate))).Append("</td><td>").Append(Escape(Numbers.ValueRange(v, n.Achieved.Mean)))
            .Append("</td><td class=\"text flag\">").Append(n.Flagged ? "outside" : string.Empty).Append("</td></tr>\n");
        sb.Append("<tr><th scope=\"row\">standard deviation</th><td>").Append(Escape(Numbers.Spread(v, n.Declared.StandardDeviation))).Append("</td><td>")
            .Append(Escape(Numbers.Spread(v, n.Achieved.StandardDeviation))).Append("</td><td></td><td></td></tr>\n");
        string[] names = ["minimum", "5%", "25%", "median", "75%", "95%", "maximum"];
        for (var q = 0; q < names.Length; q++)
        {
            sb.Append("<tr><th scope=\"row\">").Append(names[q]).Append("</th><td>").Append(Escape(Numbers.Value(v, n.Declared.Quantiles[q]))).Append("</td><td>")
                .Append(Escape(Numbers.Value(v, n.Achieved.Quantiles[q]))).Append("</td><td></td><td></td></tr>\n");
        }

        sb.Append("</tbody></table></div>\n<p class=\"note\">").Append(Escape($"Declared values from {Count(n.Declared.Count)} simulated values; generated from {Count(n.Achieved.Count)} values"))
            .Append(Escape(n.Missing > 0 ? $" ({Count(n.Missing)} missing left out)." : ".")).Append("</p>\n");
    }

    private static void LabelCard(StringBuilder sb, LabelSection l)
    {
        var v = l.Variable;
        var what = v.Kind == VariableKind.Identifier ? "identifiers" : "values";
        sb.Append("<p>");
        if (l.Distinct == 0)
        {
            sb.Append("<span class=\"none\">Not in the data.</span>");
        }
        else
        {
            sb.Append(Escape($"{Count(l.Distinct)} distinct {what}"));
            if (v.Kind == VariableKind.Identifier)
            {
                sb.Append(Escape(l.Distinct + l.Missing == l.Rows ? " (every one unique)" : " (some repeat)"));
            }

            sb.Append(Escape(". Nothing is declared about their distribution; examples: ")).Append("<code>").Append(Escape(string.Join(", ", l.Examples))).Append("</code>.");
        }

        sb.Append("</p>\n");
    }

    private static void Associations(StringBuilder sb, ReportContent content)
    {
        Open(sb, "associations");
        if (content.Outcomes.IsEmpty)
        {
            sb.Append("<p class=\"none\">No outcome is declared, and no variable qualifies as a default one (a two-level variable without children). Declare one with <code>outcomes:</code> in the model.</p>\n");
            Close(sb);
            return;
        }

        var declared = content.Outcomes.Any(o => o.IsDeclared);
        sb.Append("<p>").Append(Escape(declared
            ? "For each outcome the model declares (outcomes:), the crude odds ratio, risk ratio and risk difference of the outcome event between each exposure level and its reference: what the model implies against what the data show."
            : "No outcome is declared (outcomes: in the model), so each two-level variable without children is taken as an outcome, with its nearest discrete ancestors as exposures. For each: the crude odds ratio, risk ratio and risk difference of the outcome event between each exposure level and its reference.")).Append("</p>\n");
        foreach (var (o, i) in content.Outcomes.Select((o, i) => (o, i)))
        {
            var anchor = $"outcome-{i + 1}";
            var flags = o.Contrasts.Sum(c => (c.OddsRatio.Flagged ? 1 : 0) + (c.RiskRatio.Flagged ? 1 : 0) + (c.RiskDifference.Flagged ? 1 : 0));
            sb.Append("<article class=\"card").Append(flags > 0 ? " flagged" : string.Empty).Append("\" id=\"").Append(anchor).Append("\" aria-labelledby=\"").Append(anchor).Append("-h\">\n");
            sb.Append("<div class=\"card-head\"><h3 id=\"").Append(anchor).Append("-h\">").Append(Escape(o.Event)).Append("</h3>");
            MethodBadge(sb, o.Method);
            if (flags > 0)
            {
                sb.Append("<span class=\"badge flag\">").Append(flags.ToString(CultureInfo.InvariantCulture)).Append(" outside</span>");
            }

            sb.Append("</div>\n<p class=\"about\">").Append(Escape($"P({o.Event}): declared {Numbers.Percent(o.DeclaredRisk)}, generated {Numbers.Percent(o.AchievedRisk.Estimate)} (95% interval {Numbers.PercentRange(o.AchievedRisk)})."));
            if (o.ExposuresLeftOut > 0)
            {
                sb.Append(Escape($" {o.ExposuresLeftOut} more distant ancestors are left out; declare the exposures with outcomes: to choose them."));
            }

            sb.Append("</p>\n");
            if (!o.Contrasts.IsEmpty)
            {
                sb.Append("<figure>").Append(Charts.Forest(anchor + "-chart", o)).Append("</figure>\n");
            }

            var causal = o.Contrasts.Any(c => c.CausalOddsRatio is not null);
            sb.Append("<div class=\"wide\"><table>\n<caption class=\"sr-only\">").Append(Escape($"Associations with {o.Event}: declared and achieved odds ratio, risk ratio and risk difference")).Append("</caption>\n");
            sb.Append("<thead><tr><th scope=\"col\">exposure</th><th scope=\"col\">exposed: events / rows</th><th scope=\"col\">reference: events / rows</th>");
            sb.Append("<th scope=\"col\">OR declared</th><th scope=\"col\">OR achieved (95% CI)</th><th scope=\"col\">RR declared</th><th scope=\"col\">RR achieved (95% CI)</th>");
            sb.Append("<th scope=\"col\">RD declared</th><th scope=\"col\">RD achieved, points (95% CI)</th>");
            if (causal)
            {
                sb.Append("<th scope=\"col\" title=\"P(outcome | do(exposure)) by intervention: what the exposure itself does\">causal OR</th>");
            }

            sb.Append("</tr></thead>\n<tbody>\n");
            foreach (var c in o.Contrasts)
            {
                var any = c.OddsRatio.Flagged || c.RiskRatio.Flagged || c.RiskDifference.Flagged;
                sb.Append(any ? "<tr class=\"flagged\">" : "<tr>").Append("<th scope=\"row\">").Append(Escape(c.Label)).Append("</th>");
                sb.Append("<td>").Append(Count(c.ExposedEvents)).Append(" / ").Append(Count(c.ExposedTotal)).Append("</td><td>").Append(Count(c.ReferenceEvents)).Append(" / ").Append(Count(c.ReferenceTotal)).Append("</td>");
                MeasureCells(sb, c.OddsRatio, Numbers.Ratio, Numbers.RatioRange);
                MeasureCells(sb, c.RiskRatio, Numbers.Ratio, Numbers.RatioRange);
                MeasureCells(sb, c.RiskDifference, x => Numbers.Difference(x), Numbers.DifferenceRange);
                if (causal)
                {
                    sb.Append("<td>").Append(Escape(c.CausalOddsRatio is { } value ? Numbers.Ratio(value) : "n/a")).Append("</td>");
                }

                sb.Append("</tr>\n");
            }

            sb.Append("</tbody></table></div>\n");
            if (causal)
            {
                sb.Append("<p class=\"note\">Crude measures compare the groups as they are; the causal odds ratio compares P(outcome | do(exposure)) by intervention. They differ where a common cause confounds the exposure.</p>\n");
            }

            sb.Append("</article>\n");
        }

        Close(sb);
    }

    private static void MeasureCells(StringBuilder sb, Measure m, Func<double, string> value, Func<ConfidenceInterval, string> range)
    {
        sb.Append("<td>").Append(Escape(value(m.Declared))).Append("</td><td").Append(m.Flagged ? " class=\"flag\"" : string.Empty).Append('>')
            .Append(Escape(value(m.Achieved.Estimate)));
        if (m.Achieved.IsDefined)
        {
            sb.Append(" (").Append(Escape(range(m.Achieved))).Append(')');
        }

        if (m.Flagged)
        {
            sb.Append(" <span class=\"badge flag\">outside</span>");
        }

        sb.Append("</td>");
    }

    private static void Rules(StringBuilder sb, ReportContent content)
    {
        Open(sb, "rules");
        if (content.Rules.IsEmpty)
        {
            sb.Append("<p class=\"none\">None declared.</p>\n");
            Close(sb);
            return;
        }

        sb.Append("<p>Each <code>never</code> rule is proven exactly where it reads only discrete variables: its probability of being broken is then exactly 0. Every row of the data is checked as well.</p>\n");
        sb.Append("<div class=\"wide\"><table>\n<caption class=\"sr-only\">Rules: exact probability of being broken, and rows of the data that break them</caption>\n");
        sb.Append("<thead><tr><th scope=\"col\">rule</th><th scope=\"col\" class=\"text\">condition never true</th><th scope=\"col\" class=\"text\">model</th><th scope=\"col\">P(broken), exact</th><th scope=\"col\">rows breaking it</th><th scope=\"col\">rows checked</th></tr></thead>\n<tbody>\n");
        foreach (var r in content.Rules)
        {
            var bad = r.Broken > 0 || r.Status == "violated";
            sb.Append(bad ? "<tr class=\"flagged\">" : "<tr>").Append("<th scope=\"row\">").Append(Escape(r.Rule.Name ?? $"rule {r.Rule.Location.Line.ToString(CultureInfo.InvariantCulture)}")).Append("</th>");
            sb.Append("<td class=\"text\"><code>").Append(Escape(r.Rule.Text)).Append("</code></td><td class=\"text\">");
            sb.Append(r.Status switch
            {
                "proven" => "<span class=\"badge ok\">proven impossible</span>",
                "violated" => "<span class=\"badge flag\">can be broken</span>",
                "not provable exactly" => "<span class=\"badge simulated\">reads numbers: checked on every generated row</span>",
                _ => "<span class=\"badge simulated\">undecided (too large): checked on every generated row</span>",
            });
            sb.Append("</td><td>").Append(Escape(double.IsNaN(r.Probability) ? "n/a" : r.Probability == 0 ? "0" : Numbers.Significant(r.Probability, 3)))
                .Append("</td><td").Append(r.Broken > 0 ? " class=\"flag\"" : string.Empty).Append('>').Append(Count(r.Broken))
                .Append("</td><td>").Append(Count(r.Evaluated)).Append("</td></tr>\n");
        }

        sb.Append("</tbody></table></div>\n");
        Close(sb);
    }

    /// <summary>A target's value to a tenth of its tolerance (for ratios, of its tolerance at the requested value).</summary>
    private static string TargetValue(Target target, double x) =>
        Numbers.Fixed(x, Numbers.DecimalsFor(target.IsRatio ? target.Value * target.Tolerance : target.Tolerance));

    private static string Tolerance(Target target) =>
        target.IsRatio ? $"± {Numbers.Tick(target.Tolerance * 100)}%" : $"± {Numbers.Tick(target.Tolerance)}";

    private static void Targets(StringBuilder sb, ReportContent content)
    {
        Open(sb, "targets");
        if (content.Targets is not { } targets)
        {
            sb.Append("<p class=\"none\">None declared.</p>\n");
            Close(sb);
            return;
        }

        sb.Append("<p>Each target the model declares (<code>targets:</code>), in the order written: the value requested and how close is close enough; the value the model gives, and whether that meets the target; the same quantity measured in the data, with its 95% confidence interval, and whether the requested value lies inside it.</p>\n");
        foreach (var problem in targets.Problems)
        {
            sb.Append("<p class=\"note\">").Append(Escape($"The targets could not be evaluated on the model: {problem}")).Append("</p>\n");
        }

        sb.Append("<div class=\"wide\"><table>\n<caption class=\"sr-only\">Calibration targets: requested, given by the model, and measured in the data with 95% intervals</caption>\n");
        sb.Append("<thead><tr><th scope=\"col\">target</th><th scope=\"col\">requested</th><th scope=\"col\">model</th><th scope=\"col\" class=\"text\">by the model</th><th scope=\"col\">data (95% CI)</th><th scope=\"col\">rows</th><th scope=\"col\" class=\"text\">requested value in the data's interval</th></tr></thead>\n<tbody>\n");
        foreach (var row in targets.Rows)
        {
            var t = row.Target;
            var inside = row.RequestedInside;
            sb.Append(row.IsMet ? "<tr>" : "<tr class=\"flagged\">").Append("<th scope=\"row\" class=\"text\">").Append(Escape(t.Label)).Append("</th>");
            sb.Append("<td>").Append(Escape($"{TargetValue(t, t.Value)} {Tolerance(t)}")).Append("</td><td>");
            if (row.Model is { } m)
            {
                sb.Append(Escape(TargetValue(t, m.Achieved))).Append(' ');
                sb.Append(t.IsExact
                    ? "<span class=\"badge exact\" title=\"computed exactly\">exact</span>"
                    : $"<span class=\"badge simulated\" title=\"estimated from {Count(targets.SimulationRows)} simulated rows, with its Monte-Carlo standard error\">s.e. {Escape(TargetValue(t, m.StandardError))}</span>");
            }
            else
            {
                sb.Append("n/a");
            }

            sb.Append("</td><td class=\"text\">").Append(row.Model is null ? "n/a" : row.IsMet ? "<span class=\"badge ok\">met</span>" : "<span class=\"badge flag\">not met</span>").Append("</td><td>");
            var data = row.Data.Value;
            sb.Append(Escape(TargetValue(t, data.Estimate)));
            if (data.IsDefined)
            {
                sb.Append(Escape($" ({TargetValue(t, data.Low)} to {TargetValue(t, data.High)})"));
            }

            sb.Append("</td><td>").Append(Count(row.Data.Rows)).Append("</td><td class=\"text").Append(inside == false ? " flag" : string.Empty).Append("\">");
            sb.Append(inside switch { true => "inside", false => "outside", null => string.Empty });
            if (row.Data.Note is { } note)
            {
                sb.Append(inside is null ? string.Empty : "; ").Append(Escape(note));
            }

            sb.Append("</td></tr>\n");
        }

        sb.Append("</tbody></table></div>\n");
        sb.Append("<p class=\"note\">").Append(Escape(targets.SimulationRows > 0
            ? $"The model's values are exact where a target reads only the discrete part; otherwise they are estimated from {Count(targets.SimulationRows)} rows simulated with seed {targets.Seed.ToString(CultureInfo.InvariantCulture)} (the rows calibration solves on), with their Monte-Carlo standard error (s.e.)."
            : "The model's values are exact: every target reads only the discrete part."));
        sb.Append(Escape(" A target is met when the model's value is within its tolerance (relative for odds and risk ratios). These targets are not counted among the checks of the summary: the requested value is not exactly the model's, and a causal target has no counterpart in the data."));
        sb.Append("</p>\n");
        Close(sb);
    }

    private static void Missingness(StringBuilder sb, ReportContent content)
    {
        Open(sb, "missingness");
        var anyDeclared = content.Missingness.Any(m => m.Mechanism is not null);
        var anyMissing = content.Missingness.Any(m => m.Missing > 0);
        sb.Append("<p>").Append(Escape(anyDeclared
            ? "Declared missingness mechanisms against the share of empty cells in the data."
            : anyMissing
                ? "No missingness is declared in the model; these cells of the data are empty."
                : "No missingness is declared in the model, and no cell of the data is empty.")).Append("</p>\n");
        var rows = content.Missingness.Where(m => anyDeclared || m.Missing > 0).ToList();
        if (rows.Count == 0)
        {
            Close(sb);
            return;
        }

        sb.Append("<div class=\"wide\"><table>\n<caption class=\"sr-only\">Missing cells per variable</caption>\n");
        sb.Append("<thead><tr><th scope=\"col\">variable</th><th scope=\"col\" class=\"text\">declared</th><th scope=\"col\">missing cells</th><th scope=\"col\">share</th><th scope=\"col\">95% interval</th><th scope=\"col\" class=\"text\"><span class=\"sr-only\">flag</span></th></tr></thead>\n<tbody>\n");
        foreach (var m in rows)
        {
            sb.Append(m.Flagged ? "<tr class=\"flagged\">" : "<tr>").Append("<th scope=\"row\">").Append(Escape(m.Variable.Name)).Append("</th><td class=\"text\">")
                .Append(Escape(m.Mechanism ?? "none declared")).Append("</td><td>").Append(Count(m.Missing)).Append("</td><td>")
                .Append(Escape(Numbers.Percent(m.Share.Estimate))).Append("</td><td>").Append(Escape(Numbers.PercentRange(m.Share)))
                .Append("</td><td class=\"text flag\">").Append(m.Flagged ? "outside" : string.Empty).Append("</td></tr>\n");
        }

        sb.Append("</tbody></table></div>\n");
        Close(sb);
    }

    private static void Manifest(StringBuilder sb, ReportContent content)
    {
        var request = content.Request;
        var model = request.Model;
        Open(sb, "manifest");
        var entries = new List<(string, string)>
        {
            ("DagSynth", request.Version),
            ("model", $"{model.Name}{(string.IsNullOrEmpty(request.ModelFile) ? string.Empty : $" ({request.ModelFile})")}"),
        };
        if (request.ModelSha256 is { } hash)
        {
            entries.Add(("model SHA-256", hash));
        }

        if (request.Source.Generated)
        {
            entries.Add(("data", $"generated: {Count(request.Data.Rows)} rows, seed {request.Source.Seed.ToString(CultureInfo.InvariantCulture)}"));
        }
        else
        {
            entries.Add(("data", $"read from {request.Source.File}: {Count(request.Data.Rows)} rows"));
            if (request.Source.FileSha256 is { } dataHash)
            {
                entries.Add(("data SHA-256", dataHash));
            }
        }

        entries.Add(("declared values", content.SimulatedRows > 0
            ? $"exact where inference covers them; otherwise from {Count(content.SimulatedRows)} simulated rows, seed {request.SimulationSeed.ToString(CultureInfo.InvariantCulture)}"
            : "exact"));
        if (content.Targets is { } targets)
        {
            entries.Add(("calibration targets", targets.SimulationRows > 0
                ? $"on the model: exact where inference covers them; otherwise from {Count(targets.SimulationRows)} simulated rows, seed {targets.Seed.ToString(CultureInfo.InvariantCulture)}"
                : "on the model: exact"));
        }

        entries.Add(("intervals", "95%: Wilson for shares, normal for means, Woolf for odds ratios, Katz for risk ratios, Wald for risk differences" + (content.Targets is null ? string.Empty : "; for targets also log scale for standard deviations, Fisher z for correlations, Hanley-McNeil for AUCs")));
        if (request.CommandLine is { } command)
        {
            entries.Add(("command", command));
        }

        if (request.Timestamp is { } time)
        {
            entries.Add(("made", Timestamp(time)));
        }

        sb.Append("<dl class=\"manifest\">\n");
        foreach (var (key, value) in entries)
        {
            sb.Append("<dt>").Append(Escape(key)).Append("</dt><dd>").Append(key is "command" or "model SHA-256" or "data SHA-256" ? $"<code>{Escape(value)}</code>" : Escape(value)).Append("</dd>\n");
        }

        sb.Append("</dl>\n");
        Close(sb);
    }

    private static void Methods(StringBuilder sb, ReportContent content)
    {
        Open(sb, "methods");
        sb.Append("<p><strong>Declared</strong> values are what the model implies. Where the model is discrete they are computed exactly (the <span class=\"badge exact\">exact</span> badge). Numbers, and discrete variables that depend on numbers, are estimated from a large sample simulated with its own seed (<span class=\"badge simulated\">simulated</span>), independent of the data.</p>\n");
        sb.Append("<p><strong>Achieved</strong> values are computed from the data, each with a 95% confidence interval: Wilson score intervals for shares, normal intervals for means, Woolf (log) intervals for odds ratios, Katz (log) intervals for risk ratios and Wald intervals for risk differences. Missing cells are left out.</p>\n");
        sb.Append("<p><strong>A flag</strong> means the declared value lies outside the achieved interval. With many checks some flags are expected by chance: about 5% of them, and they come in clusters (the odds ratio, risk ratio and risk difference of one contrast move together). A two-level variable counts as one check. Flags well beyond 5%, or far outside their interval, point at a real difference: too few rows for a rare level, data edited after generation, or a model that is not the one the data came from.</p>\n");
        sb.Append("<p><strong>Rules</strong> are proven on the model exactly where they read only discrete variables, and every row of the data is checked.</p>\n");
        if (content.Targets is not null)
        {
            sb.Append("<p><strong>Calibration targets</strong> are checked on the model: a target is met when the model's value is within its tolerance. The data show the same quantity within the target's stratum with a 95% interval (log scale for standard deviations, Fisher z for correlations, Hanley-McNeil for AUCs); a causal odds or risk ratio shows the crude one in the data, which differs from it where a common cause confounds the exposure.</p>\n");
        }

        Close(sb);
    }
}

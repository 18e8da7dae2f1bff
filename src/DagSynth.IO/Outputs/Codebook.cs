using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DagSynth.Models;

namespace DagSynth.IO.Outputs;

/// <summary>
/// The data dictionary of a model's output: for each variable its label, type, unit, levels in model
/// order, how a missing value is written, its missingness mechanism and how it is derived; as Markdown,
/// JSON, an Excel sheet's rows, and R and Python snippets that load the data with factor levels in
/// model order.
/// </summary>
public static class Codebook
{
    private static readonly string[] Header = ["variable", "label", "type", "unit", "levels", "missing", "missing value", "derivation"];

    /// <summary>How a missing value appears in <paramref name="format"/>.</summary>
    public static string MissingCode(DataFormat format) => format switch
    {
        DataFormat.Csv or DataFormat.Tsv => "empty field",
        DataFormat.Parquet => "null",
        DataFormat.JsonLines => "null",
        _ => "empty cell",
    };

    /// <summary>The codebook as rows of text (a header row first), for the Excel sheet and Markdown.</summary>
    public static ImmutableArray<ImmutableArray<string>> Rows(Model model, DataFormat format)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        rows.Add([.. Header]);
        foreach (var v in model.Variables)
        {
            rows.Add([
                v.Name,
                v.Label ?? string.Empty,
                TypeOf(v),
                v.Unit ?? string.Empty,
                string.Join(" | ", v.Levels),
                v.Missing?.Describe() ?? "never",
                v.Missing is null ? string.Empty : MissingCode(format),
                Derivation(model, v),
            ]);
        }

        return rows.ToImmutable();
    }

    /// <summary>The variable's type as the codebook shows it: the node type, and what its values are.</summary>
    public static string TypeOf(Variable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var kind = variable.Kind.ToString().ToLowerInvariant();
        var type = NodeVocabulary.NameOf(variable.Type);
        return type == kind ? type : $"{kind} ({type})";
    }

    /// <summary>How a variable is derived from its parents, in one line.</summary>
    public static string Derivation(Model model, Variable variable)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(variable);
        var parents = string.Join(", ", variable.Parents.Select(p => model.Variables[p].Name));
        string Number(double x) => x.ToString("0.######", CultureInfo.InvariantCulture);
        return variable.Conditional switch
        {
            CptConditional when variable.Parents.IsEmpty => "drawn from fixed probabilities",
            CptConditional => $"probability table given {parents}",
            LogisticConditional l => $"logistic: P(true) = {Number(Functions(l.Predictor.Intercept))} when every term is 0" + string.Concat(l.Predictor.Terms.Select(t => $"; OR {Number(Math.Exp(t.Coefficient))} per {t.Label}")),
            MultinomialConditional => $"multinomial logistic given {parents}",
            CumulativeLogitConditional => $"ordinal (cumulative logit) given {parents}",
            NoisyOrConditional n => $"noisy-OR, leak {Number(n.Leak)}" + string.Concat(n.Causes.Select(c => $"; {c.Label}: {Number(c.Probability)}")),
            DistributionConditional d => $"{NodeVocabulary.NameOf(d.Family)}({string.Join(", ", d.Parameters.Select(p => $"{p.Name} = {p.Text}"))})"
                + (double.IsFinite(d.ClipLow) || double.IsFinite(d.ClipHigh) ? $", clipped to [{Number(d.ClipLow)}, {Number(d.ClipHigh)}]" : string.Empty)
                + (d.Round is { } r ? $", rounded to {r} digits" : string.Empty),
            DeriveConditional d => $"formula: {d.Text}",
            DateConditional { Formula: not null } => $"date formula of {parents}",
            DateConditional => parents.Length == 0 ? "a day drawn uniformly in a fixed window" : $"a day drawn uniformly in a window given {parents}",
            IdentifierConditional i => $"identifier {i.Prefix}{new string('#', i.Digits)}{i.Suffix} ({i.Order.ToString().ToLowerInvariant()})",
            FakeConditional f => $"fake {f.Field} ({f.Locale})",
            _ => string.Empty,
        };
    }

    private static double Functions(double logOdds) => 1 / (1 + Math.Exp(-logOdds));

    /// <summary>The codebook as a Markdown page.</summary>
    public static string Markdown(Model model, DataFormat format, string dataFile)
    {
        ArgumentNullException.ThrowIfNull(model);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Codebook: {model.Name}\n\n");
        if (model.Description is { } d)
        {
            text.Append(d.Trim()).Append("\n\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Data file: `{dataFile}`. One row per generated unit; columns in the order below. Levels are listed in model order (`|` between levels). A missing value is written as: {MissingCode(format)}.\n\n");
        var rows = Rows(model, format);
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            text.Append("| ").Append(string.Join(" | ", row.Select(c => (i > 0 && row.IndexOf(c) == 4 ? c.Replace(" | ", ", ", StringComparison.Ordinal) : c).Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
            if (i == 0)
            {
                text.Append('|').Append(string.Concat(row.Select(_ => "---|"))).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The codebook as JSON: the model, the missing-value code, and one object per variable.</summary>
    public static string Json(Model model, DataFormat format, string dataFile)
    {
        ArgumentNullException.ThrowIfNull(model);
        var document = new Dictionary<string, object?>
        {
            ["model"] = model.Name,
            ["data_file"] = dataFile,
            ["missing_value"] = MissingCode(format),
            ["variables"] = model.Variables.Select(v => new Dictionary<string, object?>
            {
                ["name"] = v.Name,
                ["label"] = v.Label,
                ["description"] = v.Description,
                ["type"] = NodeVocabulary.NameOf(v.Type),
                ["kind"] = v.Kind.ToString().ToLowerInvariant(),
                ["unit"] = v.Unit,
                ["levels"] = v.IsDiscrete ? v.Levels : null,
                ["ordered"] = v.Kind == VariableKind.Ordinal,
                ["parents"] = v.Parents.Select(p => model.Variables[p].Name).ToArray(),
                ["missing"] = v.Missing?.Describe(),
                ["derivation"] = Derivation(model, v),
            }).ToArray(),
        };
        return JsonSerializer.Serialize(document, JsonOptions.Indented) + "\n";
    }

    /// <summary>R code that loads the data file with factor levels in model order.</summary>
    public static string RSnippet(Model model, DataFormat format, string dataFile)
    {
        ArgumentNullException.ThrowIfNull(model);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Load {dataFile} ({model.Name}) with factor levels in model order.\n");
        text.Append(format switch
        {
            DataFormat.Csv => $"d <- read.csv(\"{dataFile}\", na.strings = \"\", stringsAsFactors = FALSE)\n",
            DataFormat.Tsv => $"d <- read.delim(\"{dataFile}\", na.strings = \"\", stringsAsFactors = FALSE)\n",
            DataFormat.Parquet => $"d <- as.data.frame(arrow::read_parquet(\"{dataFile}\"))\n",
            DataFormat.JsonLines => $"d <- jsonlite::stream_in(file(\"{dataFile}\"), verbose = FALSE)\n",
            _ => $"d <- as.data.frame(readxl::read_excel(\"{dataFile}\", sheet = \"data\"))\n",
        });
        foreach (var v in model.Variables)
        {
            var name = RName(v.Name);
            switch (v.Kind)
            {
                case VariableKind.Boolean:
                    text.Append(CultureInfo.InvariantCulture, $"d${name} <- as.logical(d${name})\n");
                    break;
                case VariableKind.Categorical or VariableKind.Ordinal:
                    var levels = string.Join(", ", v.Levels.Select(l => "\"" + l.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""));
                    text.Append(CultureInfo.InvariantCulture, $"d${name} <- factor(d${name}, levels = c({levels}){(v.Kind == VariableKind.Ordinal ? ", ordered = TRUE" : string.Empty)})\n");
                    break;
                case VariableKind.Date when format is not DataFormat.Parquet and not DataFormat.Excel:
                    text.Append(CultureInfo.InvariantCulture, $"d${name} <- as.Date(d${name})\n");
                    break;
            }
        }

        text.Append("str(d)\n");
        return text.ToString();
    }

    /// <summary>Python (pandas) code that loads the data file with categorical levels in model order.</summary>
    public static string PythonSnippet(Model model, DataFormat format, string dataFile)
    {
        ArgumentNullException.ThrowIfNull(model);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Load {dataFile} ({model.Name}) with categorical levels in model order.\nimport pandas as pd\n\n");
        text.Append(format switch
        {
            DataFormat.Csv => $"d = pd.read_csv(\"{dataFile}\", keep_default_na=False, na_values=[\"\"])\n",
            DataFormat.Tsv => $"d = pd.read_csv(\"{dataFile}\", sep=\"\\t\", keep_default_na=False, na_values=[\"\"])\n",
            DataFormat.Parquet => $"d = pd.read_parquet(\"{dataFile}\")\n",
            DataFormat.JsonLines => $"d = pd.read_json(\"{dataFile}\", lines=True, dtype=False)\n",
            _ => $"d = pd.read_excel(\"{dataFile}\", sheet_name=\"data\")\n",
        });
        foreach (var v in model.Variables)
        {
            var name = JsonSerializer.Serialize(v.Name);
            switch (v.Kind)
            {
                case VariableKind.Boolean when format is DataFormat.Csv or DataFormat.Tsv:
                    text.Append(CultureInfo.InvariantCulture, $"d[{name}] = d[{name}].map({{\"true\": True, \"false\": False, True: True, False: False}}).astype(\"boolean\")\n");
                    break;
                case VariableKind.Categorical or VariableKind.Ordinal:
                    text.Append(CultureInfo.InvariantCulture, $"d[{name}] = pd.Categorical(d[{name}].astype(\"string\"), categories={JsonSerializer.Serialize(v.Levels)}, ordered={(v.Kind == VariableKind.Ordinal ? "True" : "False")})\n");
                    break;
                case VariableKind.Date when format is not DataFormat.Parquet:
                    text.Append(CultureInfo.InvariantCulture, $"d[{name}] = pd.to_datetime(d[{name}])\n");
                    break;
            }
        }

        text.Append("print(d.dtypes)\n");
        return text.ToString();
    }

    private static string RName(string name) =>
        name.All(c => char.IsLetterOrDigit(c) || c is '_' or '.') && !char.IsDigit(name[0]) ? name : "`" + name.Replace("`", "\\`", StringComparison.Ordinal) + "`";
}

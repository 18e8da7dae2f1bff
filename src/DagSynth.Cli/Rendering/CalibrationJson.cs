using System.Text.Json;
using DagSynth.Calibration;
using DagSynth.Models;

namespace DagSynth.Cli.Rendering;

/// <summary>The JSON form of <c>calibrate</c>.</summary>
internal static class CalibrationJson
{
    public static void WriteNothing(Utf8JsonWriter writer, Model model)
    {
        writer.WriteStartObject();
        writer.WriteString("model", model.Name);
        writer.WriteString("status", "nothing_to_calibrate");
        writer.WriteStartArray("targets");
        writer.WriteEndArray();
        writer.WriteStartArray("parameters");
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter writer, Model model, CalibrationResult result, string? written)
    {
        writer.WriteStartObject();
        writer.WriteString("model", model.Name);
        writer.WriteString("status", result.Status switch
        {
            CalibrationStatus.Solved => "solved",
            CalibrationStatus.Infeasible => "infeasible",
            _ => "failed",
        });
        writer.WriteNumber("iterations", result.Iterations);
        writer.WriteNumber("evaluations", result.Evaluations);
        writer.WriteNumber("simulation_rows", result.SimulationRows);
        writer.WriteNumber("seed", result.Seed);
        writer.WriteStartArray("targets");
        foreach (var t in result.Targets)
        {
            writer.WriteStartObject();
            writer.WriteString("target", t.Target.Label);
            writer.WriteString("kind", Kind(t.Target.Kind));
            writer.Number("requested", t.Target.Value);
            writer.Number("achieved", t.Achieved);
            writer.Number("difference", t.Difference);
            writer.Number("tolerance", t.Target.Tolerance);
            writer.WriteBoolean("relative_tolerance", t.Target.IsRatio);
            writer.WriteString("method", t.Target.IsExact ? "exact" : "simulated");
            writer.Number("standard_error", t.StandardError);
            writer.WriteBoolean("met", t.IsMet);
            writer.WriteNumber("line", t.Target.Location.Line);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("parameters");
        foreach (var p in result.Parameters)
        {
            writer.WriteStartObject();
            writer.WriteString("parameter", p.Parameter.Name);
            if (p.Parameter.Variable is { } variable)
            {
                writer.WriteString("variable", variable);
            }

            writer.Number("start", p.Parameter.Start);
            writer.Number("value", p.Value);
            writer.WriteBoolean("determined", p.IsDetermined);
            writer.WriteNumber("line", p.Parameter.Location.Line);
            writer.WriteNumber("column", p.Parameter.Location.Column);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("conflicts");
        foreach (var set in result.Conflicts)
        {
            writer.WriteStartArray();
            foreach (var i in set)
            {
                writer.WriteStringValue(result.Targets[i].Target.Label);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("diagnostics");
        foreach (var d in result.Diagnostics)
        {
            writer.WriteStringValue(d.ToString());
        }

        writer.WriteEndArray();
        if (written is not null)
        {
            writer.WriteString("written", written);
        }

        writer.WriteEndObject();
    }

    private static string Kind(TargetKind kind) => TargetKinds.KeyOf(kind);
}

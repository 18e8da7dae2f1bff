using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DagSynth.IO.Formats.Native;

/// <summary>
/// Writes a <see cref="DocumentNode"/> tree as YAML (block style, with lists and maps of scalars on
/// one line) or as indented JSON. Strings are written plain in YAML only when they are identifiers
/// that no YAML reader takes for anything but a string; everything else is double-quoted with
/// escapes, so names like <c>12+</c>, <c>&lt;5</c>, <c>yes</c>, <c>null</c> or <c>"a, b"</c> read back unchanged.
/// </summary>
internal static partial class DocumentEmitter
{
    private static readonly HashSet<string> YamlReserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "null", "y", "n",
    };

    /// <summary>Writes <paramref name="root"/> as a YAML document.</summary>
    public static void WriteYaml(DocumentMap root, TextWriter writer) => WriteBlockMap(root, 0, writer);

    /// <summary>Writes <paramref name="root"/> as a JSON document.</summary>
    public static void WriteJson(DocumentNode root, TextWriter writer)
    {
        WriteJsonValue(root, 0, writer);
        writer.WriteLine();
    }

    /// <summary>A string as a YAML scalar: plain when safe, double-quoted otherwise.</summary>
    public static string YamlString(string value) =>
        PlainYaml().IsMatch(value) && !YamlReserved.Contains(value) ? value : Quote(value, yaml: true);

    /// <summary>A string as a JSON string literal.</summary>
    public static string JsonString(string value) => Quote(value, yaml: false);

    private static void WriteBlockMap(DocumentMap map, int indent, TextWriter writer)
    {
        foreach (var (key, value) in map.Entries)
        {
            writer.Write(new string(' ', indent));
            writer.Write(YamlString(key));
            writer.Write(':');
            WriteAfterKey(value, indent, writer);
        }
    }

    private static void WriteAfterKey(DocumentNode value, int indent, TextWriter writer)
    {
        if (value.IsFlow)
        {
            writer.Write(' ');
            writer.WriteLine(Flow(value, yaml: true));
            return;
        }

        writer.WriteLine();
        switch (value)
        {
            case DocumentMap map:
                WriteBlockMap(map, indent + 2, writer);
                break;
            case DocumentList list:
                WriteBlockList(list, indent + 2, writer);
                break;
        }
    }

    private static void WriteBlockList(DocumentList list, int indent, TextWriter writer)
    {
        foreach (var item in list.Items)
        {
            writer.Write(new string(' ', indent));
            if (item.IsFlow)
            {
                writer.Write("- ");
                writer.WriteLine(Flow(item, yaml: true));
                continue;
            }

            switch (item)
            {
                case DocumentMap map:
                    for (var i = 0; i < map.Entries.Count; i++)
                    {
                        var (key, value) = map.Entries[i];
                        writer.Write(i == 0 ? "- " : new string(' ', indent + 2));
                        writer.Write(YamlString(key));
                        writer.Write(':');
                        WriteAfterKey(value, indent + 2, writer);
                    }

                    break;
                case DocumentList nested:
                    writer.WriteLine("-");
                    WriteBlockList(nested, indent + 2, writer);
                    break;
            }
        }
    }

    private static string Flow(DocumentNode node, bool yaml) => node switch
    {
        DocumentString s => yaml ? YamlString(s.Value) : JsonString(s.Value),
        DocumentNumber n => n.Text,
        DocumentList l => "[" + string.Join(", ", l.Items.Select(i => Flow(i, yaml))) + "]",
        DocumentMap m => "{" + string.Join(", ", m.Entries.Select(e => (yaml ? YamlString(e.Key) : JsonString(e.Key)) + ": " + Flow(e.Value, yaml))) + "}",
        _ => throw new ArgumentException($"unknown node {node.GetType().Name}", nameof(node)),
    };

    private static void WriteJsonValue(DocumentNode node, int indent, TextWriter writer)
    {
        if (node.IsFlow)
        {
            writer.Write(Flow(node, yaml: false));
            return;
        }

        var pad = new string(' ', indent + 2);
        switch (node)
        {
            case DocumentMap map:
                writer.WriteLine('{');
                for (var i = 0; i < map.Entries.Count; i++)
                {
                    writer.Write(pad);
                    writer.Write(JsonString(map.Entries[i].Key));
                    writer.Write(": ");
                    WriteJsonValue(map.Entries[i].Value, indent + 2, writer);
                    writer.WriteLine(i < map.Entries.Count - 1 ? "," : string.Empty);
                }

                writer.Write(new string(' ', indent));
                writer.Write('}');
                break;
            case DocumentList list:
                writer.WriteLine('[');
                for (var i = 0; i < list.Items.Count; i++)
                {
                    writer.Write(pad);
                    WriteJsonValue(list.Items[i], indent + 2, writer);
                    writer.WriteLine(i < list.Items.Count - 1 ? "," : string.Empty);
                }

                writer.Write(new string(' ', indent));
                writer.Write(']');
                break;
        }
    }

    /// <summary>A double-quoted string with the escapes YAML and JSON share (and that both read back).</summary>
    private static string Quote(string value, bool yaml)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF' || (yaml && c == '\u0085'))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainYaml();
}

using System.Text;

namespace DagSynth.IO.Formats.Export;

/// <summary>
/// Which names a format can write verbatim (and read back unchanged), why not when it cannot, and
/// how to make a name writable when the user accepts the loss.
/// </summary>
internal sealed class NamePolicy
{
    private readonly Func<string, string?> _problem;
    private readonly Func<char, bool> _allowed;
    private readonly bool _identifier;

    private NamePolicy(Func<string, string?> problem, Func<char, bool> allowed, bool identifier)
    {
        _problem = problem;
        _allowed = allowed;
        _identifier = identifier;
    }

    /// <summary>Any name (DagSynth's own format).</summary>
    public static NamePolicy Any { get; } = new(_ => null, _ => true, identifier: false);

    /// <summary>Names written in double quotes: anything but quotes and control characters.</summary>
    public static NamePolicy Quoted { get; } = new(
        name => name.Contains('"', StringComparison.Ordinal) ? "holds a '\"'" : HasControl(name) ? "holds a control character (such as a line break)" : null,
        c => c != '"' && !char.IsControl(c),
        identifier: false);

    /// <summary>XML text that is trimmed when read: no leading or trailing blanks, no control characters.</summary>
    public static NamePolicy XmlText { get; } = new(
        name => HasControl(name) ? "holds a control character (such as a line break)"
            : name.Trim() != name ? "starts or ends with a blank, which XML readers trim" : null,
        c => !char.IsControl(c),
        identifier: false);

    /// <summary>Identifiers: a letter or '_', then letters, digits and '_' (XDSL ids).</summary>
    public static NamePolicy Identifier { get; } = new(
        name => IsIdentifier(name) ? null : "is not an identifier (a letter or '_', then letters, digits and '_')",
        c => c < 128 && (char.IsAsciiLetterOrDigit(c) || c == '_'),
        identifier: true);

    /// <summary>Unquoted words of a text format: no blanks, none of <paramref name="delimiters"/>, no comment starts, not a keyword.</summary>
    public static NamePolicy Word(string delimiters, IReadOnlySet<string> keywords, string commentStarts) => new(
        name =>
        {
            if (name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                return "holds a blank or a control character";
            }

            if (name.FirstOrDefault(c => delimiters.Contains(c, StringComparison.Ordinal)) is var d and not '\0')
            {
                return $"holds '{d}'";
            }

            if (commentStarts.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(s => name.Contains(s, StringComparison.Ordinal)) is { } comment)
            {
                return $"holds '{comment}', which starts a comment";
            }

            return keywords.Contains(name) ? "is a keyword of the format" : null;
        },
        c => !char.IsWhiteSpace(c) && !char.IsControl(c) && !delimiters.Contains(c, StringComparison.Ordinal) && c is not '/' and not '%' and not '#',
        identifier: false);

    /// <summary>Why <paramref name="name"/> cannot be written verbatim, or null when it can.</summary>
    public string? Problem(string name) => name.Length == 0 ? "is empty" : _problem(name);

    /// <summary>A writable form of <paramref name="name"/>: disallowed characters become '_'.</summary>
    public string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            builder.Append(_allowed(c) ? c : '_');
        }

        var result = builder.ToString().Trim();
        if (result.Length == 0 || (_identifier && char.IsAsciiDigit(result[0])))
        {
            result = "_" + result;
        }

        return Problem(result) is null ? result : result + "_";
    }

    private static bool HasControl(string name) => name.Any(char.IsControl);

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => c < 128 && (char.IsAsciiLetterOrDigit(c) || c == '_'));
}

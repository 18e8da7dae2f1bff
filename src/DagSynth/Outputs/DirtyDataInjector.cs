using DagSynth.Distributions;
using DagSynth.Expressions;
using DagSynth.Models;
using DagSynth.Randomness;
using DagSynth.Sampling;

namespace DagSynth.Outputs;

/// <summary>
/// Plants dirty data in observed rows, deterministically: the errors of cell (variable, row) come from
/// <c>CellDraws(VariableKey(seed, name + "\0dirty"), row)</c> and duplicates of a row from
/// <c>CellDraws(VariableKey(seed, "\0dirty-rows"), row)</c>, where row is the row's index in the
/// generated dataset. Each cell gets at most one error: the kinds that apply to its column are tried in
/// the order of <see cref="DirtyData.Keys"/>, each with its rate, on one uniform. Missing cells get
/// none. A duplicate is inserted right after its row. One injector numbers the rows of one file.
/// </summary>
public sealed class DirtyDataInjector
{
    private static readonly string[] KeyboardRows = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

    private readonly OutputSchema _clean;
    private readonly DirtyRule[][] _rulesOf;
    private readonly UnitConversion?[][] _conversionsOf;
    private readonly ulong[] _keys;
    private readonly ulong _rowKey;
    private readonly double _duplicateRate;
    private readonly double _nearRate;
    private readonly int[] _nudgeable;
    private readonly RowChunk _out;
    private readonly List<(int Column, DirtyKind Kind, DirtyCellValue Original, DirtyCellValue Dirty)> _cellErrors = [];
    private long _cleanRows;
    private long _dirtyRows;

    /// <summary>Creates an injector for one output file of <paramref name="model"/>'s data generated with <paramref name="seed"/>.</summary>
    public DirtyDataInjector(Model model, DirtyData dirty, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dirty);
        _clean = OutputSchema.Data(model);
        Schema = OutputSchema.Dirty(model, dirty);
        var n = model.Variables.Length;
        _rulesOf = new DirtyRule[n][];
        _conversionsOf = new UnitConversion?[n][];
        for (var v = 0; v < n; v++)
        {
            var rules = dirty.Rules.Where(r => r.Variables.Contains(v)).OrderBy(r => r.Kind).ToArray();
            _rulesOf[v] = rules;
            _conversionsOf[v] = [.. rules.Select(r => r.Kind == DirtyKind.UnitSlip ? r.Conversions[r.Variables.IndexOf(v)] : null)];
        }

        _keys = [.. model.Variables.Select(v => CellRandom.VariableKey(seed, v.Name + "\0dirty"))];
        _rowKey = CellRandom.VariableKey(seed, "\0dirty-rows");
        _duplicateRate = dirty.RuleOf(DirtyKind.Duplicate)?.Rate ?? 0;
        _nearRate = dirty.RuleOf(DirtyKind.NearDuplicate)?.Rate ?? 0;
        _nudgeable = [.. model.Variables.Where(DirtyData.CanNudge).Select(v => v.Index)];
        _out = new RowChunk(Schema, 1024);
    }

    /// <summary>The columns of dirty data (levels that may get typos are text).</summary>
    public OutputSchema Schema { get; }

    /// <summary>The clean rows seen so far.</summary>
    public long CleanRows => _cleanRows;

    /// <summary>The dirty rows written so far (clean rows plus copies).</summary>
    public long DirtyRows => _dirtyRows;

    /// <summary>
    /// Plants errors in <paramref name="clean"/> (observed <see cref="OutputSchema.Data"/> rows, in file
    /// order) and returns the dirty rows; every planted error is added to <paramref name="log"/>. The
    /// returned chunk is reused by the next call.
    /// </summary>
    public RowChunk Apply(RowChunk clean, List<DirtyLogEntry> log)
    {
        ArgumentNullException.ThrowIfNull(clean);
        ArgumentNullException.ThrowIfNull(log);
        _out.Reset(clean.Count);
        for (var i = 0; i < clean.Count; i++)
        {
            var source = clean.SourceRow(i);
            var cleanRow = ++_cleanRows;
            var row = _out.AddRow(source);
            var dirtyRow = ++_dirtyRows;
            _cellErrors.Clear();
            for (var c = 0; c < _clean.Columns.Length; c++)
            {
                CopyCell(clean, c, i, row);
                if (!clean.IsNull(c, i) && _rulesOf[c].Length > 0)
                {
                    Plant(clean, c, i, row, source);
                }
            }

            foreach (var e in _cellErrors)
            {
                log.Add(new DirtyLogEntry(dirtyRow, cleanRow, e.Column, e.Kind, e.Original, e.Dirty));
            }

            if (_duplicateRate + _nearRate > 0)
            {
                var draws = new CellDraws(_rowKey, source);
                var u = draws.NextUnit();
                if (u < _duplicateRate + _nearRate)
                {
                    Duplicate(clean, i, row, cleanRow, u >= _duplicateRate, ref draws, log);
                }
            }
        }

        return _out;
    }

    private void Duplicate(RowChunk clean, int i, int row, long cleanRow, bool near, ref CellDraws draws, List<DirtyLogEntry> log)
    {
        var copy = _out.AddRow(clean.SourceRow(i));
        var copyRow = ++_dirtyRows;
        for (var c = 0; c < Schema.Columns.Length; c++)
        {
            CopyOutCell(c, row, copy);
        }

        var nudged = -1;
        DirtyCellValue before = default, after = default;
        if (near)
        {
            var candidates = _nudgeable.Where(c => !clean.IsNull(c, i) && !_cellErrors.Any(e => e.Column == c)).ToArray();
            if (candidates.Length > 0)
            {
                nudged = candidates[(int)(draws.NextUnit() * candidates.Length)];
                var value = clean.Values(nudged)[i];
                var changed = Nudge(nudged, value, draws.NextUnit() < 0.5);
                _out.SetValue(nudged, copy, changed);
                (before, after) = (new DirtyCellValue(value, null), new DirtyCellValue(changed, null));
            }
        }

        log.Add(new DirtyLogEntry(copyRow, cleanRow, -1, nudged >= 0 ? DirtyKind.NearDuplicate : DirtyKind.Duplicate, default, default));
        foreach (var e in _cellErrors)
        {
            log.Add(new DirtyLogEntry(copyRow, cleanRow, e.Column, e.Kind, e.Original, e.Dirty));
        }

        if (nudged >= 0)
        {
            log.Add(new DirtyLogEntry(copyRow, cleanRow, nudged, DirtyKind.NearDuplicate, before, after));
        }
    }

    private void CopyCell(RowChunk clean, int c, int i, int row)
    {
        var column = _clean.Columns[c];
        var target = Schema.Columns[c];
        if (clean.IsNull(c, i))
        {
            _out.SetNull(c, row, true);
        }

        if (target.Kind == OutputColumnKind.Text)
        {
            _out.SetText(c, row, column.Kind == OutputColumnKind.Text ? clean.Texts(c)[i] : column.Levels[clean.Codes(c)[i]]);
        }
        else if (target.HasCodes)
        {
            _out.SetCode(c, row, clean.Codes(c)[i]);
        }
        else
        {
            _out.SetValue(c, row, clean.Values(c)[i]);
        }
    }

    private void CopyOutCell(int c, int from, int to)
    {
        var target = Schema.Columns[c];
        _out.SetNull(c, to, _out.IsNull(c, from));
        if (target.Kind == OutputColumnKind.Text)
        {
            _out.SetText(c, to, _out.Texts(c)[from]);
        }
        else if (target.HasCodes)
        {
            _out.SetCode(c, to, _out.Codes(c)[from]);
        }
        else
        {
            _out.SetValue(c, to, _out.Values(c)[from]);
        }
    }

    private void Plant(RowChunk clean, int c, int i, int row, long source)
    {
        var draws = new CellDraws(_keys[c], source);
        var u = draws.NextUnit();
        var cumulative = 0.0;
        var rules = _rulesOf[c];
        for (var k = 0; k < rules.Length; k++)
        {
            cumulative += rules[k].Rate;
            if (u >= cumulative)
            {
                continue;
            }

            var kind = rules[k].Kind;
            if (kind is DirtyKind.Typo or DirtyKind.Capitalization)
            {
                var text = _out.Texts(c)[row]!;
                var changed = kind == DirtyKind.Typo ? Typo(text, _clean.Columns[c], ref draws) : Capitals(text, draws.NextUnit());
                if (changed is not null)
                {
                    _out.SetText(c, row, changed);
                    _cellErrors.Add((c, kind, new DirtyCellValue(double.NaN, text), new DirtyCellValue(double.NaN, changed)));
                }
            }
            else
            {
                var value = clean.Values(c)[i];
                var changed = kind switch
                {
                    DirtyKind.UnitSlip => Round(c, (value * _conversionsOf[c][k]!.Factor) + _conversionsOf[c][k]!.Offset, 2),
                    DirtyKind.OutOfRange => OutOfRange(c, value, draws.NextUnit()),
                    _ => SwapDayMonth(value),
                };
                if (!double.IsNaN(changed) && changed != value)
                {
                    _out.SetValue(c, row, changed);
                    _cellErrors.Add((c, kind, new DirtyCellValue(value, null), new DirtyCellValue(changed, null)));
                }
            }

            return;
        }
    }

    /// <summary>The variable's rounding (decimal digits), counts 0, else <paramref name="fallback"/>.</summary>
    private double Round(int c, double value, int fallback)
    {
        var variable = _clean.Columns[c].Variable!;
        var digits = variable.Kind == VariableKind.Count ? 0 : variable.Conditional switch
        {
            DistributionConditional d => d.Round ?? fallback,
            DeriveConditional d => d.Round ?? fallback,
            _ => fallback,
        };
        return Math.Round(value, Math.Clamp(digits, 0, 15), MidpointRounding.AwayFromZero);
    }

    private double OutOfRange(int c, double value, double u)
    {
        if (value == 0)
        {
            return double.NaN;
        }

        return u < 0.5 ? Round(c, value * 10, 15) : -value;
    }

    private static double SwapDayMonth(double days)
    {
        var date = DataText.ToDate(days);
        return date.Day <= 12 && date.Day != date.Month ? ExpressionBinder.DayNumber(new DateOnly(date.Year, date.Day, date.Month)) : double.NaN;
    }

    private double Nudge(int c, double value, bool up)
    {
        var variable = _clean.Columns[c].Variable!;
        var sign = up || value == 0 ? 1 : -1;
        if (variable.Kind is VariableKind.Count or VariableKind.Date)
        {
            return value + sign;
        }

        var digits = variable.Conditional switch
        {
            DistributionConditional d => d.Round,
            DeriveConditional d => d.Round,
            _ => null,
        };
        var step = digits is { } d2 ? PortableMath.Pow(10, -d2) : Math.Max(Math.Abs(value) * 0.01, 0.01);
        var changed = Round(c, value + (sign * step), digits ?? 2);
        return changed == value ? value + (sign * step) : changed;
    }

    /// <summary>A typing error that differs from the text and from every level, or null when none can be made.</summary>
    private static string? Typo(string text, OutputColumn column, ref CellDraws draws)
    {
        if (text.Length < 2)
        {
            return null;
        }

        var firstOp = (int)(draws.NextUnit() * 4);
        var firstAt = (int)(draws.NextUnit() * text.Length);
        for (var o = 0; o < 4; o++)
        {
            for (var p = 0; p < text.Length; p++)
            {
                var at = (firstAt + p) % text.Length;
                var candidate = ((firstOp + o) % 4) switch
                {
                    0 when at + 1 < text.Length => Swap(text, at),
                    1 => text.Remove(at, 1),
                    2 => text.Insert(at, text[at].ToString()),
                    3 => Neighbour(text, at),
                    _ => null,
                };
                if (candidate is { Length: > 0 } && candidate != text && !column.Levels.Contains(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static string Swap(string text, int at)
    {
        var chars = text.ToCharArray();
        (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
        return new string(chars);
    }

    private static string? Neighbour(string text, int at)
    {
        var c = text[at];
        var lower = char.ToLowerInvariant(c);
        foreach (var row in KeyboardRows)
        {
            var k = row.IndexOf(lower, StringComparison.Ordinal);
            if (k >= 0)
            {
                var n = row[k + 1 < row.Length ? k + 1 : k - 1];
                var chars = text.ToCharArray();
                chars[at] = char.IsUpper(c) ? char.ToUpperInvariant(n) : n;
                return new string(chars);
            }
        }

        return null;
    }

    /// <summary>The text with other capitals (upper, lower, title case, first letter flipped), or null when it has no letters to change.</summary>
    private static string? Capitals(string text, double u)
    {
        var first = (int)(u * 4);
        for (var k = 0; k < 4; k++)
        {
            var candidate = ((first + k) % 4) switch
            {
                0 => text.ToUpperInvariant(),
                1 => text.ToLowerInvariant(),
                2 => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..].ToLowerInvariant(),
                _ => text.Length == 0 ? text : (char.IsUpper(text[0]) ? char.ToLowerInvariant(text[0]) : char.ToUpperInvariant(text[0])) + text[1..],
            };
            if (candidate != text)
            {
                return candidate;
            }
        }

        return null;
    }
}

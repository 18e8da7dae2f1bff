using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Specs;

namespace DagSynth.Calibration;

/// <summary>
/// Finds and replaces the fit tokens of a model spec, always in the same order: variable by
/// variable, a root's <c>probs</c>, then the table entries in order, then the type-specific settings
/// in order, depth first. Finding and replacing share this one walk, so the n-th token found is the
/// n-th token replaced.
/// </summary>
internal static class SpecRewriter
{
    private static bool SameItems<T>(ImmutableArray<T> a, ImmutableArray<T> b)
        where T : class
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!ReferenceEquals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Calls <paramref name="onFit"/> for every fit token and replaces the token by the text it returns
    /// (a number, for probabilities), or keeps it when it returns null. Returns the spec itself when
    /// nothing was replaced.
    /// </summary>
    public static ModelSpec Map(ModelSpec spec, Func<FitSite, string?> onFit)
    {
        var ordinal = 0;
        var changed = false;
        var variables = ImmutableArray.CreateBuilder<VariableSpec>(spec.Variables.Length);
        for (var v = 0; v < spec.Variables.Length; v++)
        {
            var variable = spec.Variables[v];
            var probabilities = variable.Probabilities is { } p ? MapRow(p, v, FitSiteKind.RootProbability, -1) : null;
            ImmutableArray<TableEntrySpec>? table = null;
            if (variable.Table is { } entries)
            {
                var mapped = ImmutableArray.CreateBuilder<TableEntrySpec>(entries.Length);
                for (var e = 0; e < entries.Length; e++)
                {
                    var row = MapRow(entries[e].Probabilities, v, FitSiteKind.TableProbability, e);
                    mapped.Add(ReferenceEquals(row, entries[e].Probabilities) ? entries[e] : entries[e] with { Probabilities = row });
                }

                table = mapped.MoveToImmutable();
            }

            var settings = ImmutableArray.CreateBuilder<SpecEntry>(variable.Settings.Length);
            foreach (var setting in variable.Settings)
            {
                var value = MapValue(setting.Value, v, [setting.Key.Value]);
                settings.Add(ReferenceEquals(value, setting.Value) ? setting : setting with { Value = value });
            }

            var same = ReferenceEquals(probabilities, variable.Probabilities)
                && (variable.Table is null || SameItems(table!.Value, variable.Table.Value))
                && SameItems(settings.ToImmutable(), variable.Settings);
            variables.Add(same ? variable : variable with { Probabilities = probabilities, Table = table, Settings = settings.MoveToImmutable() });
            changed |= !same;
        }

        return changed ? spec with { Variables = variables.MoveToImmutable() } : spec;

        ProbabilitiesSpec MapRow(ProbabilitiesSpec row, int variable, FitSiteKind kind, int entry)
        {
            switch (row)
            {
                case ProbabilityListSpec list:
                    {
                        ImmutableArray<NumberSpec>.Builder? values = null;
                        for (var k = 0; k < list.Values.Length; k++)
                        {
                            var number = list.Values[k];
                            if (Replace(number, new FitSite(ordinal, variable, kind, entry, k, null, [], number.Symbol ?? string.Empty, number.Span)) is { } replaced)
                            {
                                values ??= list.Values.ToBuilder();
                                values[k] = replaced;
                            }
                        }

                        return values is null ? row : list with { Values = values.ToImmutable() };
                    }

                case ProbabilityMapSpec map:
                    {
                        ImmutableArray<ProbabilityMapEntry>.Builder? entries = null;
                        for (var k = 0; k < map.Entries.Length; k++)
                        {
                            var e = map.Entries[k];
                            if (Replace(e.Value, new FitSite(ordinal, variable, kind, entry, k, e.Level.Value, [], e.Value.Symbol ?? string.Empty, e.Value.Span)) is { } replaced)
                            {
                                entries ??= map.Entries.ToBuilder();
                                entries[k] = e with { Value = replaced };
                            }
                        }

                        return entries is null ? row : map with { Entries = entries.ToImmutable() };
                    }

                default:
                    return row;
            }
        }

        NumberSpec? Replace(NumberSpec number, FitSite site)
        {
            if (!FitToken.Is(number.Symbol))
            {
                return null;
            }

            ordinal++;
            if (onFit(site) is not { } text)
            {
                return null;
            }

            changed = true;
            return NumberSpec.Literal(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), number.Span);
        }

        SpecValue MapValue(SpecValue value, int variable, ImmutableArray<string> path)
        {
            switch (value)
            {
                case SpecScalar scalar when FitToken.Is(scalar.Text):
                    {
                        var cell = path.Length > 0 && path[^1].StartsWith('[') ? int.Parse(path[^1][1..^1], CultureInfo.InvariantCulture) : -1;
                        var site = new FitSite(ordinal++, variable, FitSiteKind.Setting, -1, cell, null, path, scalar.Text, scalar.Span);
                        return onFit(site) is { } text ? scalar with { Text = text } : scalar;
                    }

                case SpecList list:
                    {
                        ImmutableArray<SpecValue>.Builder? items = null;
                        for (var i = 0; i < list.Items.Length; i++)
                        {
                            var mapped = MapValue(list.Items[i], variable, path.Add($"[{i.ToString(CultureInfo.InvariantCulture)}]"));
                            if (!ReferenceEquals(mapped, list.Items[i]))
                            {
                                items ??= list.Items.ToBuilder();
                                items[i] = mapped;
                            }
                        }

                        return items is null ? list : list with { Items = items.ToImmutable() };
                    }

                case SpecMap map:
                    {
                        ImmutableArray<SpecEntry>.Builder? entries = null;
                        for (var i = 0; i < map.Entries.Length; i++)
                        {
                            var entry = map.Entries[i];
                            var mapped = MapValue(entry.Value, variable, path.Add(entry.Key.Value));
                            if (!ReferenceEquals(mapped, entry.Value))
                            {
                                entries ??= map.Entries.ToBuilder();
                                entries[i] = entry with { Value = mapped };
                            }
                        }

                        return entries is null ? map : map with { Entries = entries.ToImmutable() };
                    }

                default:
                    return value;
            }
        }
    }
}

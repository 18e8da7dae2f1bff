using Bogus;
using Bogus.DataSets;
using DagSynth.Models;
using DagSynth.Sampling;

namespace DagSynth.IO.Fakes;

/// <summary>
/// Fake names, addresses, phone numbers and e-mail addresses from Bogus's locale data. Each cell
/// seeds a Bogus <see cref="Randomizer"/> from its own 64 random bits, so a cell's text depends only
/// on (seed, variable, row) and the person's sex, like every other column. Text changes when the
/// Bogus version changes (it is pinned; an upgrade is a "Changed output" entry).
/// </summary>
public sealed class BogusFakeTextSource : IFakeTextSource
{
    /// <summary>The shared instance (it holds no state).</summary>
    public static BogusFakeTextSource Instance { get; } = new();

    /// <inheritdoc/>
    public IFakeTextGenerator CreateGenerator() => new Generator();

    /// <inheritdoc/>
    public string? Check(string field, string locale)
    {
        if (!NodeVocabulary.FakeFields.Contains(field))
        {
            return $"'{field}' is not a fake field";
        }

        return Bogus.Database.LocaleResourceExists(locale)
            ? null
            : $"locale '{locale}' is not known (known: {string.Join(", ", Bogus.Database.GetAllLocales().Order(StringComparer.Ordinal))})";
    }

    /// <summary>
    /// Bogus's regional locales (en_US, en_GB...) have no separate female and male first names; their
    /// language (en) has. Names must follow the sex column, so a regional locale borrows its language's
    /// names when it lacks them.
    /// </summary>
    private static Name NamesFor(string locale)
    {
        var names = new Name(locale);
        var underscore = locale.IndexOf('_', StringComparison.Ordinal);
        if (names.SupportsGenderFirstNames || underscore < 0)
        {
            return names;
        }

        var language = new Name(locale[..underscore]);
        return language.SupportsGenderFirstNames ? language : names;
    }

    /// <summary>One thread's datasets, per locale; their randomizer is replaced for every cell.</summary>
    private sealed class Generator : IFakeTextGenerator
    {
        private readonly Dictionary<string, (Name Name, Address Address, PhoneNumbers Phone, Internet Internet)> _byLocale = new(StringComparer.Ordinal);

        public string Generate(string field, string locale, FakeSex sex, ulong bits)
        {
            if (!_byLocale.TryGetValue(locale, out var sets))
            {
                sets = (NamesFor(locale), new Address(locale), new PhoneNumbers(locale), new Internet(locale));
                _byLocale[locale] = sets;
            }

            var random = new Randomizer(unchecked((int)(bits ^ (bits >> 32))));
            Name.Gender? gender = sex switch
            {
                FakeSex.Female => Name.Gender.Female,
                FakeSex.Male => Name.Gender.Male,
                _ => random.Bool() ? Name.Gender.Female : Name.Gender.Male,
            };
            sets.Name.Random = random;
            sets.Address.Random = random;
            sets.Phone.Random = random;
            sets.Internet.Random = random;
            return field switch
            {
                "first_name" => sets.Name.FirstName(gender),
                "last_name" => sets.Name.LastName(gender),
                "full_name" => sets.Name.FullName(gender),
                "street_address" => sets.Address.StreetAddress(),
                "city" => sets.Address.City(),
                "zip_code" => sets.Address.ZipCode(),
                "phone" => sets.Phone.PhoneNumber(),
                "email" => sets.Internet.Email(sets.Name.FirstName(gender), sets.Name.LastName(gender)),
                _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a fake field"),
            };
        }
    }
}

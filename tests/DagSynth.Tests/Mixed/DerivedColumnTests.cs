using DagSynth.Expressions;
using DagSynth.Sampling;

namespace DagSynth.Tests.Mixed;

/// <summary>Derived, date and identifier columns hold exactly what their definitions say, row by row.</summary>
[Trait("Category", "Unit")]
public sealed class DerivedColumnTests
{
    private const string Model = """
        dagsynth: 1
        reference_date: 2024-06-30
        variables:
          age: {type: uniform, min: 18, max: 90, round: 0}
          bmi: {type: normal, mean: 27, sd: 5, round: 1}
          bmi_category: {type: derive, formula: 'cut(bmi, [18.5, 25, 30], ["under", "normal", "over", "obese"])'}
          bmi_squared: {type: derive, formula: bmi ^ 2, round: 2}
          older: {type: derive, formula: age >= 65}
          date_of_birth:
            type: date
            min: reference_date - years(age + 1) + 1
            max: reference_date - years(age)
          birth_exact:
            type: date
            min: reference_date - years(age + 1) + 2
            max: reference_date - years(age) - 1
          admission: {type: date, min: date("2024-01-01"), max: date("2024-12-31")}
          discharge: {type: date, formula: 'admission + if(older, 5, 2)'}
          id: {type: id, pattern: "S-#####-X"}
          shuffled: {type: id, pattern: "######", order: shuffled}
        """;

    [Fact]
    public void Should_ComputeEveryDerivedValueExactly_When_Generating()
    {
        // Given
        var model = MixedModels.Read(Model);

        // When
        var data = MixedModels.Generate(model, 20_000, 5, threads: 2, batchSize: 333);

        // Then
        var reference = new DateOnly(2024, 6, 30);
        for (var i = 0; i < data.Rows; i++)
        {
            var age = data.Column("age")[i];
            var bmi = data.Column("bmi")[i];
            Assert.Equal(Math.Round(age), age);
            Assert.InRange(age, 18, 90);
            Assert.Equal(Math.Round(bmi, 1), bmi);
            var category = bmi < 18.5 ? 0 : bmi < 25 ? 1 : bmi < 30 ? 2 : 3;
            Assert.Equal(category, data.Column("bmi_category")[i]);
            Assert.Equal(Math.Round(bmi * bmi, 2), data.Column("bmi_squared")[i]);
            Assert.Equal(age >= 65 ? 1 : 0, data.Column("older")[i]);

            // Born within the year that makes the person 'age' on the reference date (years of 365.2425 days).
            var birth = DataText.ToDate(data.Column("date_of_birth")[i]);
            Assert.InRange(birth.DayNumber, Math.Floor(reference.DayNumber - ((age + 1) * Functions.DaysPerYear) + 1), Math.Floor(reference.DayNumber - (age * Functions.DaysPerYear)));

            // With a day of margin on each side, the calendar age on the reference date is exactly 'age'.
            var exact = DataText.ToDate(data.Column("birth_exact")[i]);
            var calendarAge = reference.Year - exact.Year - (reference < exact.AddYears(reference.Year - exact.Year) ? 1 : 0);
            Assert.Equal(age, calendarAge);

            var admission = DataText.ToDate(data.Column("admission")[i]);
            Assert.InRange(admission, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));
            Assert.Equal(data.Column("admission")[i] + (age >= 65 ? 5 : 2), data.Column("discharge")[i]);

            Assert.Equal(i + 1, data.Column("id")[i]);
        }

        // Shuffled identifiers are a permutation: unique, in range, not in row order.
        var shuffled = data.Column("shuffled");
        Assert.Equal(data.Rows, shuffled.Distinct().Count());
        Assert.All(shuffled, x => Assert.InRange(x, 1, 999_999));
        Assert.NotEqual(Enumerable.Range(1, data.Rows).Select(x => (double)x), shuffled);
    }

    [Fact]
    public void Should_StopWithTheRow_When_ThePatternRunsOutOfIdentifiers()
    {
        var model = MixedModels.Read("dagsynth: 1\nvariables:\n  id: {type: id, pattern: \"##\"}\n");
        var plan = SamplingPlan.Compile(model);
        var result = Generator.Run(plan, new GenerationOptions { Rows = 200, Seed = 1 }, new DagSynth.Testing.CollectingSink(1));
        var failure = Assert.IsType<DomainViolation>(result.Failure);
        Assert.Equal(99, failure.Row);
        Assert.Contains("room for 99 identifiers", failure.Describe(), StringComparison.Ordinal);
    }
}

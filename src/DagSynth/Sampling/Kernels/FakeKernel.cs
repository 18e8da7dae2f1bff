using DagSynth.Models;
using DagSynth.Randomness;

namespace DagSynth.Sampling.Kernels;

/// <summary>Fake text from the cell's bits and, when declared, the row's sex.</summary>
internal sealed class FakeKernel(Variable variable, FakeConditional conditional) : NodeKernel(variable)
{
    public override (int Row, string Problem)? Fill(SamplerContext context, SampleBatch batch, ulong key, long firstRow, int count)
    {
        var faker = context.Faker ?? throw new InvalidOperationException("a model with fake text needs an IFakeTextSource");
        var output = batch.TextColumn(Variable.Index);
        var sexCodes = conditional.SexVariable is { } s ? batch.CodeColumn(s) : null;
        for (var i = 0; i < count; i++)
        {
            var sex = sexCodes is null ? FakeSex.Unspecified : conditional.SexOfLevel[sexCodes[i]];
            output[i] = faker.Generate(conditional.Field, conditional.Locale, sex, CellRandom.Bits(key, firstRow + i));
        }

        return null;
    }
}

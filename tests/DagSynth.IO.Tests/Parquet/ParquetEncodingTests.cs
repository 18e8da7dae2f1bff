using DagSynth.IO.Parquet;
using FsCheck;
using FsCheck.Fluent;

namespace DagSynth.IO.Tests.Parquet;

/// <summary>The encoders under the Parquet writer, against independent decoders.</summary>
public sealed class ParquetEncodingTests
{
    public sealed class TheSnappyCompressor
    {
        [Trait("Category", "Property")]
        [Fact]
        public void Should_BeDecodedBySnappier_When_AnyBytesAreCompressed()
        {
            // Bytes drawn from a small alphabet repeat (matches); from all 256 values, mostly not.
            var inputs = ArbMap.Default.GeneratorFor<byte[]>()
                .Select(b => b)
                .Zip(Gen.Choose(1, 256), (bytes, alphabet) => bytes.Select(x => (byte)(x % alphabet)).ToArray());
            Prop.ForAll(inputs.ToArbitrary(), bytes => RoundTrips(bytes)).QuickCheckThrowOnFailure();
        }

        [Trait("Category", "Unit")]
        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(14)]
        [InlineData(15)]
        [InlineData(65_535)]
        [InlineData(65_536)]
        [InlineData(65_537)]
        [InlineData(1_000_000)]
        public void Should_BeDecodedBySnappier_When_LengthsAreAtTheEdges(int length)
        {
            var random = new Random(length);
            var kinds = new Func<int, byte>[]
            {
                _ => 0, // one long run: the longest copies
                i => (byte)(i % 7), // short period
                _ => (byte)random.Next(256), // incompressible
                i => (byte)(i / 100 % 3 == 0 ? random.Next(256) : 'a' + (i % 26)), // mixed
            };
            foreach (var kind in kinds)
            {
                var bytes = new byte[length];
                for (var i = 0; i < length; i++)
                {
                    bytes[i] = kind(i);
                }

                Assert.True(RoundTrips(bytes));
            }
        }

        [Trait("Category", "Unit")]
        [Fact]
        public void Should_Shrink_When_TheInputRepeats()
        {
            var bytes = new byte[100_000];
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)(i % 10);
            }

            var output = new byte[SnappyCompressor.MaxCompressedLength(bytes.Length)];
            Assert.InRange(new SnappyCompressor().Compress(bytes, output), 1, 6_000);
        }

        private static bool RoundTrips(byte[] bytes)
        {
            var output = new byte[SnappyCompressor.MaxCompressedLength(bytes.Length)];
            var written = new SnappyCompressor().Compress(bytes, output);
            return Snappier.Snappy.DecompressToArray(output.AsSpan(0, written)).AsSpan().SequenceEqual(bytes);
        }
    }

    public sealed class TheRleHybridEncoder
    {
        [Trait("Category", "Property")]
        [Fact]
        public void Should_DecodeToTheValues_When_RunsAndLiteralsAreMixed()
        {
            // Values as runs of random lengths (1 to 40) of random values below 2^width.
            var cases =
                from width in Gen.Choose(1, 16)
                from runs in Gen.ListOf(Gen.Zip(Gen.Choose(0, (1 << width) - 1), Gen.Choose(1, 40)))
                select (width, runs.SelectMany(r => Enumerable.Repeat(r.Item1, r.Item2)).ToArray());
            Prop.ForAll(cases.ToArbitrary(), c =>
            {
                var (width, values) = c;
                var buffer = new ByteBuffer();
                var encoder = new RleHybridEncoder(buffer, width);
                foreach (var v in values)
                {
                    encoder.Put(v);
                }

                encoder.Finish();
                return Decode(buffer.Written.ToArray(), width, values.Length).SequenceEqual(values);
            }).QuickCheckThrowOnFailure();
        }

        [Trait("Category", "Unit")]
        [Fact]
        public void Should_WriteOneRun_When_AValueRepeats()
        {
            var buffer = new ByteBuffer();
            var encoder = new RleHybridEncoder(buffer, 3);
            for (var i = 0; i < 1000; i++)
            {
                encoder.Put(5);
            }

            encoder.Finish();
            Assert.Equal([0xD0, 0x0F, 5], buffer.Written.ToArray()); // varint(1000 << 1), the value in one byte
        }

        /// <summary>The RLE / bit-packing hybrid decoded as the Parquet format describes it.</summary>
        private static int[] Decode(byte[] bytes, int width, int count)
        {
            var values = new List<int>();
            var at = 0;
            while (values.Count < count)
            {
                ulong header = 0;
                for (var shift = 0; ; shift += 7)
                {
                    var b = bytes[at++];
                    header |= (ulong)(b & 0x7F) << shift;
                    if (b < 0x80)
                    {
                        break;
                    }
                }

                if ((header & 1) == 0)
                {
                    var value = 0;
                    for (var k = 0; k < (width + 7) / 8; k++)
                    {
                        value |= bytes[at++] << (8 * k);
                    }

                    values.AddRange(Enumerable.Repeat(value, (int)(header >> 1)));
                }
                else
                {
                    var n = (int)(header >> 1) * 8;
                    for (var i = 0; i < n; i++)
                    {
                        var value = 0;
                        for (var bit = 0; bit < width; bit++)
                        {
                            var position = (i * width) + bit;
                            value |= ((bytes[at + (position / 8)] >> (position % 8)) & 1) << bit;
                        }

                        values.Add(value);
                    }

                    at += n * width / 8;
                }
            }

            Assert.Equal(bytes.Length, at);
            return [.. values.Take(count)];
        }
    }
}

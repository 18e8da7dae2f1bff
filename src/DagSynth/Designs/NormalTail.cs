using DagSynth.Distributions;
namespace DagSynth.Designs;

/// <summary>
/// The standard normal distribution's density, lower and upper tail probabilities, and their
/// inverses, accurate to a relative 1e-13 or better far into both tails (down to about 1e-300), for
/// truncation by inversion. The tails are computed directly, never as 1 minus the other tail, so a
/// condition such as x &gt;= mean + 9 sd keeps its precision.
/// </summary>
internal static class NormalTail
{
    private const double InverseSqrtTwoPi = 0.398942280401432677939946059934;

    /// <summary>The density at <paramref name="z"/>.</summary>
    public static double Density(double z) => InverseSqrtTwoPi * PortableMath.Exp(-0.5 * z * z);

    /// <summary>P(Z &lt;= z).</summary>
    public static double Lower(double z) => z <= 0 ? Upper(-z) : 1 - Upper(z);

    /// <summary>P(Z &gt; z).</summary>
    public static double Upper(double z)
    {
        if (z < 0)
        {
            return 1 - Upper(-z);
        }

        if (z > 38.5)
        {
            return 0;
        }

        if (z < 3)
        {
            // Marsaglia's series for Phi(z) - 1/2 = density(z) (z + z^3/3 + z^5/(3 5) + ...): positive terms only.
            var term = z;
            var sum = z;
            var z2 = z * z;
            for (var k = 3; k < 200; k += 2)
            {
                term *= z2 / k;
                var next = sum + term;
                if (next == sum)
                {
                    break;
                }

                sum = next;
            }

            return 0.5 - (Density(z) * sum);
        }

        // Laplace's continued fraction Q(z) = density(z) / (z + 1/(z + 2/(z + 3/(z + ...)))), by Lentz's method.
        const double Tiny = 1e-300;
        var f = z;
        var c = z;
        var d = 0.0;
        for (var k = 1; k < 500; k++)
        {
            d = z + (k * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = z + (k / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Density(z) / f;
    }

    /// <summary>The z with P(Z &lt;= z) = <paramref name="p"/>, for p in (0, 1).</summary>
    public static double LowerQuantile(double p) => -UpperQuantile(p);

    /// <summary>The z with P(Z &gt; z) = <paramref name="q"/>, for q in (0, 1), refined in the tail's own scale.</summary>
    public static double UpperQuantile(double q)
    {
        if (q >= 0.5)
        {
            return q == 0.5 ? 0 : -UpperQuantile(1 - q);
        }

        // A rough start (Abramowitz and Stegun 26.2.23, error below 4.5e-4), then Halley steps on
        // Q(z) - q, whose every term keeps its relative precision in the tail.
        var t = Math.Sqrt(-2 * PortableMath.Log(q));
        var z = t - ((2.515517 + (0.802853 * t) + (0.010328 * t * t)) / (1 + (1.432788 * t) + (0.189269 * t * t) + (0.001308 * t * t * t)));
        for (var i = 0; i < 4; i++)
        {
            var density = Density(z);
            if (density == 0)
            {
                break;
            }

            var step = (q - Upper(z)) / density; // f = q - Q(z) has f' = density, f'' = -z density
            z -= step / (1 + (z * step / 2));
        }

        return z;
    }
}

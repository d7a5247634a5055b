namespace Jackpot.Reactive;

/// <summary>
/// Orders the instances of one jackpot by the <c>&lt;jackpot&gt;_&lt;n&gt;</c> hint the service follows today
/// (<c>f8f21i6__12</c> is instance 12 of jackpot <c>f8f21i6_</c>). The hint is never a promise: ids that do not
/// follow it are not comparable, and callers fall back to remembering superseded instances (<see cref="InstanceTracker"/>).
/// </summary>
internal static class InstanceOrdering
{
    /// <summary>
    /// Compares two instances of <paramref name="jackpot"/> by their ordinals.
    /// </summary>
    /// <param name="jackpot">The jackpot both instances belong to.</param>
    /// <param name="left">The first instance.</param>
    /// <param name="right">The second instance.</param>
    /// <param name="comparison">
    /// Negative when <paramref name="left"/> is older, zero when both have the same ordinal (<c>_7</c> and <c>_007</c>),
    /// positive when <paramref name="left"/> is newer.
    /// </param>
    /// <returns><see langword="true"/> when both ids are <paramref name="jackpot"/> + <c>_</c> + ASCII digits.</returns>
    public static bool TryCompare(JackpotId jackpot, JackpotInstanceId left, JackpotInstanceId right, out int comparison)
    {
        if (TryGetOrdinalDigits(jackpot, left, out var leftDigits) && TryGetOrdinalDigits(jackpot, right, out var rightDigits))
        {
            comparison = CompareDigits(leftDigits, rightDigits);
            return true;
        }

        comparison = 0;
        return false;
    }

    /// <summary>Gets the ordinal part of an instance id of the form <c>&lt;jackpot&gt;_&lt;digits&gt;</c>.</summary>
    /// <param name="jackpot">The jackpot.</param>
    /// <param name="instance">The instance id.</param>
    /// <param name="digits">The ordinal without leading zeros (<c>"0"</c> for an all-zero ordinal), of any length.</param>
    /// <returns><see langword="true"/> when <paramref name="instance"/> has that form.</returns>
    public static bool TryGetOrdinalDigits(JackpotId jackpot, JackpotInstanceId instance, out ReadOnlySpan<char> digits)
    {
        digits = default;
        var jackpotId = jackpot.Value.AsSpan();
        var instanceId = instance.Value.AsSpan();
        if (jackpotId.Length == 0
            || instanceId.Length < jackpotId.Length + 2
            || !instanceId.StartsWith(jackpotId, StringComparison.Ordinal)
            || instanceId[jackpotId.Length] != '_')
        {
            return false;
        }

        var ordinal = instanceId[(jackpotId.Length + 1)..];
        if (ordinal.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var significant = ordinal.TrimStart('0');
        digits = significant.Length == 0 ? ordinal[^1..] : significant;
        return true;
    }

    private static int CompareDigits(ReadOnlySpan<char> left, ReadOnlySpan<char> right) =>
        left.Length != right.Length
            ? left.Length.CompareTo(right.Length)
            : Math.Sign(left.SequenceCompareTo(right));
}

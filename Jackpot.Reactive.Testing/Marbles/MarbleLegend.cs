namespace Jackpot.Reactive.Testing;

/// <summary>Writes the legend under a diagram: what the symbols in the differing frames stand for.</summary>
internal static class MarbleLegend
{
    public static IEnumerable<string> Describe(
        IEnumerable<(char Symbol, object? Value)> values,
        MarbleError? expectedError,
        Exception? actualError,
        bool errorsDiffer)
    {
        var distinct = values
            .DistinctBy(v => v.Symbol)
            .Where(v => !MarbleValues.TryGetSelfSymbol(v.Value, out char self) || self != v.Symbol)
            .ToList();
        var compact = distinct.Select(v => MarbleValues.DescribeValue(v.Value, complete: false)).ToList();
        bool ambiguous = compact.Distinct(StringComparer.Ordinal).Count() < compact.Count;
        for (int i = 0; i < distinct.Count; i++)
        {
            yield return $"{distinct[i].Symbol} = {(ambiguous ? MarbleValues.DescribeValue(distinct[i].Value, complete: true) : compact[i])}";
        }

        if (!errorsDiffer)
        {
            yield break;
        }

        if (expectedError is not null)
        {
            yield return "# expected = " + expectedError.Description;
        }

        if (actualError is not null)
        {
            yield return "# actual   = " + MarbleValues.DescribeError(actualError);
        }
    }
}

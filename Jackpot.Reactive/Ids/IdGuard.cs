namespace Jackpot.Reactive;

internal static class IdGuard
{
    public static string Require(string? value, string paramName, string what)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"A {what} cannot be empty or whitespace.", paramName);
        }

        return value;
    }
}

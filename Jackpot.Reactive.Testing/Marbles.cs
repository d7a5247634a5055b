namespace Jackpot.Reactive.Testing;

internal static class Marbles
{
}

using System.Globalization;
using System.Reactive;
using Microsoft.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Operators;

/// <summary>Builds the events and virtual times the operator tests use.</summary>
internal static class JackpotSamples
{
    public static readonly ChannelName Broadcast = ChannelName.Parse("8mQhEnuznUe01IsGOE4mPw_broadcast_fce39b15");

    public static readonly ChannelName PlayerChannel = ChannelName.Parse("8mQhEnuznUe01IsGOE4mPw_user_a@b.com");

    /// <summary>The time at which <see cref="TestScheduler.Start{T}(Func{IObservable{T}}, long, long, long)"/> creates the observable.</summary>
    public const long Created = 100;

    /// <summary>The time at which it subscribes.</summary>
    public const long Subscribed = 200;

    public static long Seconds(double seconds) => TimeSpan.FromSeconds(seconds).Ticks;

    public static JackpotValueUpdated Value(string jackpot, string instance, decimal amount) =>
        new(new JackpotId(jackpot), new JackpotInstanceId(instance), Broadcast, "EUR", amount, Raw(amount));

    public static JackpotWonByOther WonByOther(string jackpot, string instance, string newInstance, decimal amount = 500m) =>
        new(new JackpotId(jackpot), new JackpotInstanceId(instance), Broadcast, "EUR", amount, Raw(amount), new JackpotInstanceId(newInstance));

    public static JackpotWon Won(string jackpot, string instance, string newInstance, decimal amount = 500m) =>
        new(new JackpotId(jackpot), new JackpotInstanceId(instance), PlayerChannel, "EUR", amount, Raw(amount), new JackpotInstanceId(newInstance));

    public static UnknownJackpotEvent Unknown(string reason, string jackpot, string instance) =>
        new(reason, new JackpotId(jackpot), new JackpotInstanceId(instance), Broadcast, "EUR", 0m, string.Empty,
            $$"""{"reason":"{{reason}}","jackpot":"{{jackpot}}","jackpotInstance":"{{instance}}"}""");

    /// <summary>An event at a virtual time given in seconds.</summary>
    public static Recorded<Notification<T>> At<T>(double seconds, T value) => ReactiveTest.OnNext(Seconds(seconds), value);

    public static Recorded<Notification<T>> CompletedAt<T>(double seconds) => ReactiveTest.OnCompleted<T>(Seconds(seconds));

    public static Recorded<Notification<T>> ErrorAt<T>(double seconds, Exception error) => ReactiveTest.OnError<T>(Seconds(seconds), error);

    public static Subscription SubscribedUntil(double seconds) => ReactiveTest.Subscribe(Subscribed, Seconds(seconds));

    private static string Raw(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}

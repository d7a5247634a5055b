namespace Jackpot.Reactive.Simulator;

internal static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var app = builder.Build();
        app.MapGet("/", () => "Jackpot push-event simulator");
        await app.RunAsync();
    }
}

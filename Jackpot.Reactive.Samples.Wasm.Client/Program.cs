using Jackpot.Reactive.Samples.Wasm.Client;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

// Served by Jackpot.Reactive.Samples.Wasm (dotnet run --project Jackpot.Reactive.Samples.Wasm), which writes the
// appsettings.json this reads: what to watch and where.
var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<BoardShell>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");
BrowserBoard.AddServices(builder.Services, builder.Configuration, new Uri(builder.HostEnvironment.BaseAddress));
await builder.Build().RunAsync();

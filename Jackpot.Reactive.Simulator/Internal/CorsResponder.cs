using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Jackpot.Reactive.Simulator;

/// <summary>The simulator's Cross-Origin Resource Sharing, as <see cref="SimulatorCorsOptions"/> describes it.</summary>
internal static class CorsResponder
{
    /// <summary>Adds the CORS middleware when <paramref name="cors"/> is set.</summary>
    public static void Use(WebApplication app, SimulatorCorsOptions? cors)
    {
        if (cors is not null)
        {
            app.Use((context, next) => HandleAsync(context, cors, next));
        }
    }

    private static Task HandleAsync(HttpContext context, SimulatorCorsOptions cors, RequestDelegate next)
    {
        var request = context.Request;
        string? origin = request.Headers.Origin;
        if (HttpMethods.IsOptions(request.Method))
        {
            bool preflight = origin is not null && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod);
            if (!cors.AnswerPreflights || !preflight || !cors.Allows(origin!))
            {
                // Refused: no CORS header, so the browser fails the request the preflight was for.
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return Task.CompletedTask;
            }

            AllowOrigin(context.Response, cors, origin!);
            context.Response.Headers.AccessControlAllowMethods = HttpMethods.Get;
            context.Response.Headers.AccessControlAllowHeaders = string.Join(", ", cors.AllowedHeaders);
            context.Response.Headers.AccessControlMaxAge =
                ((int)SimulatorCorsOptions.PreflightMaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        if (origin is not null && cors.Allows(origin))
        {
            AllowOrigin(context.Response, cors, origin);
            context.Response.Headers.AccessControlExposeHeaders = HeaderNames.RetryAfter;
        }

        return next(context);
    }

    private static void AllowOrigin(HttpResponse response, SimulatorCorsOptions cors, string origin)
    {
        if (cors.AllowsAnyOrigin)
        {
            response.Headers.AccessControlAllowOrigin = SimulatorCorsOptions.AnyOrigin;
        }
        else
        {
            response.Headers.AccessControlAllowOrigin = origin;
            response.Headers.Vary = HeaderNames.Origin;
        }
    }
}

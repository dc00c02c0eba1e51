namespace Ecrm.PostgreSql.Tests;

/// <summary>Waits for what another instance's change feed brings.</summary>
internal static class Eventually
{
    /// <summary>Polls the condition until it holds, failing after the limit.</summary>
    public static async Task Within(TimeSpan limit, Func<Task<bool>> condition)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < limit, $"not seen within {limit.TotalSeconds} s");
            await Task.Delay(10);
        }
    }
}

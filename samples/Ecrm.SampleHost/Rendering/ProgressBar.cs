using System.Globalization;

namespace Ecrm.SampleHost.Rendering;

/// <summary>A one-line progress bar on an interactive console; a few percentage lines when output is redirected.</summary>
internal sealed class ProgressBar(HostConsole console, string label, long total)
{
    private const int Width = 30;
    private int _lastPercent = -1;

    public void Report(long done)
    {
        var percent = total <= 0 ? 100 : (int)Math.Clamp(done * 100 / total, 0, 100);
        if (percent == _lastPercent || console.Quiet)
        {
            return;
        }

        if (console.Interactive)
        {
            var filled = percent * Width / 100;
            console.Out.Write(string.Create(CultureInfo.InvariantCulture, $"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}%"));
        }
        else if (percent / 25 > _lastPercent / 25)
        {
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {percent}%"));
        }

        _lastPercent = percent;
    }

    public void Complete()
    {
        Report(total);
        if (console.Interactive && !console.Quiet)
        {
            console.Out.WriteLine();
        }
    }
}

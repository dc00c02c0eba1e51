using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ecrm.Telemetry;

/// <summary>
/// The SDK's metrics and traces: one <see cref="Meter"/> and one <see cref="ActivitySource"/> named <c>Ecrm.Sdk</c>, so
/// OpenTelemetry picks them up with <c>AddMeter("Ecrm.Sdk")</c> and <c>AddSource("Ecrm.Sdk")</c>.
/// </summary>
public sealed class EcrmTelemetry : IDisposable
{
    /// <summary>The name of the meter and the activity source.</summary>
    public const string Name = "Ecrm.Sdk";

    private static readonly string Version = typeof(EcrmTelemetry).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    private readonly Meter _meter;

    /// <summary>Creates the instruments, from the host's meter factory when it has one.</summary>
    /// <param name="meterFactory">The host's meter factory, or <see langword="null"/>.</param>
    public EcrmTelemetry(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(Name, Version) ?? new Meter(Name, Version);
        IngestedEvents = _meter.CreateCounter<long>("ecrm.ingest.events", "{event}", "Events offered to ingestion, by status (accepted, duplicate, rejected).");
        Merges = _meter.CreateCounter<long>("ecrm.graph.merges", "{merge}", "Customers merged into others.");
        Conflicts = _meter.CreateCounter<long>("ecrm.graph.conflicts", "{conflict}", "Identity conflicts recorded instead of merges.");
        IngestDuration = _meter.CreateHistogram<double>("ecrm.ingest.duration", "s", "Time to validate and apply one ingestion call.");
        TextsRead = _meter.CreateCounter<long>("ecrm.listening.texts", "{text}", "Texts read by listening, by sentiment (positive, neutral, negative).");
        AlertsRaised = _meter.CreateCounter<long>("ecrm.listening.alerts", "{alert}", "Early-warning alerts raised, by level.");
        Surges = _meter.CreateCounter<long>("ecrm.listening.surges", "{surge}", "Surges of negative volume detected.");
    }

    /// <summary>Gets the activity source for traces.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    internal Counter<long> IngestedEvents { get; }

    internal Counter<long> Merges { get; }

    internal Counter<long> Conflicts { get; }

    internal Histogram<double> IngestDuration { get; }

    internal Counter<long> TextsRead { get; }

    internal Counter<long> AlertsRaised { get; }

    internal Counter<long> Surges { get; }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}

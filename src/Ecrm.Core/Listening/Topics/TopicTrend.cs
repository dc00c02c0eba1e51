namespace Ecrm.Listening;

/// <summary>How often an aspect was complained about in a window, against the window before.</summary>
/// <param name="Aspect">The aspect's name.</param>
/// <param name="Complaints">Complaints (negative mentions) in the window.</param>
/// <param name="Mentions">All mentions in the window.</param>
/// <param name="PreviousComplaints">Complaints in the window of the same length just before.</param>
/// <param name="AverageSentiment">The mean sentiment of the window's mentions (0 without mentions).</param>
public sealed record TopicTrend(string Aspect, int Complaints, int Mentions, int PreviousComplaints, double AverageSentiment)
{
    /// <summary>Gets the complaints' change against the previous window: (now + 1) / (before + 1), above 1 when rising.</summary>
    public double Change => (Complaints + 1.0) / (PreviousComplaints + 1.0);
}

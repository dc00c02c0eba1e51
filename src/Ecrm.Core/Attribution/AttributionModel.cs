namespace Ecrm.Attribution;

/// <summary>How a conversion's credit is shared among the touches before it.</summary>
public enum AttributionModel
{
    /// <summary>All credit to the latest touch.</summary>
    LastTouch,

    /// <summary>All credit to the earliest touch in the window.</summary>
    FirstTouch,

    /// <summary>Equal credit to every touch in the window.</summary>
    Linear,

    /// <summary>Credit halving with every <see cref="AttributionQuery.HalfLife"/> between a touch and the conversion.</summary>
    TimeDecay,
}

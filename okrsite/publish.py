"""Cut a model down to what one build may publish, before anything is computed or rendered.

Filtering first means every view and every roll-up sees only published entities: nothing hidden
can leak through a count, a diagram node or an export.
"""

from __future__ import annotations

from dataclasses import replace

from okrsite.model import Model, Visibility


def published_model(model: Model, publish_up_to: Visibility) -> Model:
    """Drop objectives above `publish_up_to`, their key results, and links to them.

    An initiative that served only hidden key results (and has no published parent) goes too;
    one that also serves published ones keeps only the published links.
    """
    objectives = {
        key: objective
        for key, objective in model.objectives.items()
        if objective.visibility.rank <= publish_up_to.rank
    }
    if len(objectives) == len(model.objectives):
        return model
    objectives = {
        key: o if o.parent in objectives or o.parent is None else replace(o, parent=None)
        for key, o in objectives.items()
    }
    key_results = {k: kr for k, kr in model.key_results.items() if kr.objective in objectives}

    initiatives = dict(model.initiatives)
    changed = True
    while changed:  # dropping one initiative can orphan its children; repeat until stable
        changed = False
        for key, initiative in list(initiatives.items()):
            kept = tuple(k for k in initiative.key_results if k in key_results)
            has_parent = initiative.parent is not None and initiative.parent in initiatives
            if not kept and not has_parent:
                del initiatives[key]
                changed = True
            elif kept != initiative.key_results:
                initiatives[key] = replace(initiative, key_results=kept)
    initiatives = {
        key: i if i.parent is None or i.parent in initiatives else replace(i, parent=None)
        for key, i in initiatives.items()
    }
    return replace(model, objectives=objectives, key_results=key_results, initiatives=initiatives)

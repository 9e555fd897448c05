"""The course's servers: the Voila app (:mod:`.site`: site assembly and Voila settings;
dashboards join it here) and a learner's JupyterLab workspace (:mod:`.lab`)."""

"""One page of work, as every executor runs it: the task, its outcome, the worker.

Modules: ``tasks`` (the picklable units a batch hands out and gets back), ``pages``
(count pages, load page N), ``worker`` (:class:`~pipeline.work.worker.PageWorker`:
load one page, run the pipeline, write its files). Both :mod:`pipeline.batch` (the
driver) and :mod:`pipeline.executors` (where the work runs) import this package;
it imports neither, so the two never import each other.
"""

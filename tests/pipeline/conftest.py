"""Fixtures of the pipeline tests: a real Ray cluster of two nodes, started once per session when a test asks."""
from __future__ import annotations

import os
from dataclasses import dataclass

import pytest


@dataclass
class RayCluster:
    cluster: object  # ray.cluster_utils.Cluster
    worker: object  # its worker node (a test that kills it puts a new one here)

    @property
    def address(self) -> str:
        return self.cluster.address


@pytest.fixture(scope="module")
def ray_cluster():
    """A head node and a worker node on this machine, one CPU each, this process joined to it as a driver
    (as `--ray-address` joins a cluster run by someone else). Shut down after the module that uses it: later
    tests fork worker processes, which must not copy a live Ray client's threads."""
    ray = pytest.importorskip("ray")
    from ray.cluster_utils import Cluster

    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    cluster = Cluster(initialize_head=True, connect=True, head_node_args={"num_cpus": 1, "include_dashboard": False})
    try:
        worker = cluster.add_node(num_cpus=1)
        cluster.wait_for_nodes()
        yield RayCluster(cluster, worker)
    finally:
        ray.shutdown()  # first: the cluster will not remove the node this process is joined through
        cluster.shutdown()

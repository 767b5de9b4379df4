"""Scan scores, framework detection and the defaults proposed for a project."""

from __future__ import annotations

import pytest
from amplify_frontend_javascript.frameworks import angular_output_path, detect_framework

REACT_DEFAULTS = {
    "SourceDir": "src",
    "DistributionDir": "build",
    "BuildCommand": "npm run-script build",
    "StartCommand": "npm run-script start",
}


def test_example_web_app_is_a_react_project(frontend, web_app):
    assert frontend.scan(web_app) == 90
    assert frontend.detect(web_app) == {"framework": "react", "config": REACT_DEFAULTS}


def test_folder_without_package_json_keeps_the_base_score(frontend, tmp_path):
    assert frontend.scan(tmp_path) == 10
    assert frontend.detect(tmp_path)["framework"] == "none"


def test_a_folder_named_package_json_is_not_a_package_json(frontend, tmp_path):
    (tmp_path / "package.json").mkdir()
    assert frontend.scan(tmp_path) == 10


@pytest.mark.parametrize(
    ("package", "framework"),
    [
        ({"dependencies": {"react": "^18"}}, "react"),
        ({"devDependencies": {"vue": "^3"}}, "vue"),
        ({"dependencies": {"@angular/core": "^17"}}, "angular"),
        ({"dependencies": {"@angular/core": "^4", "ionic-angular": "^3"}}, "ionic"),
        ({"dependencies": {"@angular/core": "^17"}, "devDependencies": {"@ionic/angular": "^7"}}, "ionic"),
        ({"dependencies": {"vue": "^3", "react": "^18"}}, "react"),
        ({"dependencies": {"@angular/core": "^17", "vue": "^3"}}, "angular"),
        ({"dependencies": {"lodash": "^4"}}, "none"),
        ({"dependencies": ["react"]}, "none"),
        (["react"], "none"),
        ("{not json", "none"),
    ],
)
def test_framework_is_guessed_from_dependencies_and_dev_dependencies(make_project, package, framework):
    assert detect_framework(make_project({"package.json": package})) == framework


def test_other_frameworks_get_their_gen1_defaults(frontend, make_project):
    project = make_project({"package.json": {"devDependencies": {"vue": "^3"}}})
    assert frontend.detect(project) == {
        "framework": "vue",
        "config": {
            "SourceDir": "src",
            "DistributionDir": "dist",
            "BuildCommand": "npm run-script build",
            "StartCommand": "npm run-script serve",
        },
    }


def test_angular_distribution_dir_comes_from_angular_json(frontend, make_project):
    project = make_project(
        {
            "package.json": {"dependencies": {"@angular/core": "^15"}},
            "angular.json": {
                "defaultProject": "shop",
                "projects": {
                    "admin": {"architect": {"build": {"options": {"outputPath": "dist/admin"}}}},
                    "shop": {"architect": {"build": {"options": {"outputPath": "dist/shop"}}}},
                },
            },
        }
    )
    assert frontend.detect(project) == {
        "framework": "angular",
        "config": {
            "SourceDir": "src",
            "DistributionDir": "dist/shop",
            "BuildCommand": "npm run-script build",
            "StartCommand": "ng serve",
        },
    }


@pytest.mark.parametrize(
    ("angular_json", "expected"),
    [
        # No defaultProject (Angular 14+): the first project.
        ({"projects": {"app": {"architect": {"build": {"options": {"outputPath": "out/app"}}}}}}, "out/app"),
        # The application builder (Angular 17+) writes the site into browser/.
        (
            {
                "projects": {
                    "app": {
                        "architect": {
                            "build": {
                                "builder": "@angular-devkit/build-angular:application",
                                "options": {"outputPath": "dist/app"},
                            }
                        }
                    }
                }
            },
            "dist/app/browser",
        ),
        (
            {"projects": {"app": {"architect": {"build": {"options": {"outputPath": {"base": "dist/x"}}}}}}},
            "dist/x/browser",
        ),
        (
            {
                "projects": {
                    "app": {
                        "architect": {"build": {"options": {"outputPath": {"base": "dist/x", "browser": ""}}}}
                    }
                }
            },
            "dist/x",
        ),
        ({"projects": {"app": {"targets": {"build": {"options": {"outputPath": "www"}}}}}}, "www"),
        ({"projects": {"app": {"architect": {"build": {"options": {}}}}}}, None),
        ({"projects": {}}, None),
        ("{broken", None),
    ],
)
def test_angular_output_path(make_project, angular_json, expected):
    assert angular_output_path(make_project({"angular.json": angular_json})) == expected


def test_angular_without_angular_json_falls_back_to_dist(frontend, make_project):
    project = make_project({"package.json": {"dependencies": {"@angular/core": "^17"}}})
    assert frontend.detect(project)["config"]["DistributionDir"] == "dist"

import json, math
cases=[]
def case(name, scorer, response, reference, options=None, status="ok", reward=None, components=None, reason=None, details=None):
    c={"name":name,"scorer":scorer,"response":response,"reference":reference,"options":options or {},
       "expected":{"status":status}}
    if status=="ok": c["expected"]["reward"]=reward
    else: c["expected"]["reward"]=None
    if components is not None: c["expected"]["components"]=components
    if reason is not None: c["expected"]["reason_contains"]=reason
    if details is not None: c["expected"]["details"]=details
    cases.append(c)
T=lambda a:"<think>look</think>\n<answer>"+a+"</answer>"
B=lambda *bs:{"boxes":[{"bbox_2d":list(b)} for b in bs]}
j=json.dumps
# ---- detection
case("detection_perfect_single_box","detection",T(j([{"bbox_2d":[0,0,10,10],"confidence":0.8}])),B([0,0,10,10]),
     reward=2.8,components={"iou":1.0,"confidence":0.8,"format":1.0})
ex_resp=T(j([{"bbox_2d":[0,0,10,10],"confidence":0.9},{"bbox_2d":[20,20,30,35],"confidence":0.6},
             {"bbox_2d":[50,50,60,60],"confidence":0.3},{"bbox_2d":[0,0,10,10],"confidence":0.5}]))
ex_ref=B([0,0,10,10],[20,20,30,30])
case("detection_visual_rft_worked_example","detection",ex_resp,ex_ref,
     reward=5/9+2.2/3+1,components={"iou":5/9,"confidence":2.2/3,"format":1.0},details={"duplicates":1,"matched":2})
case("detection_map_worked_example","detection",ex_resp,ex_ref,{"reward":"map","format":"none"},
     reward=710/1010,components={"iou":5/9,"confidence":2.2/3,"map":710/1010})
case("detection_below_threshold_unmatched","detection",T(j([{"bbox_2d":[0,0,10,10]}])),B([5,0,15,10]),
     reward=1.0,components={"iou":0.0,"confidence":0.0,"format":1.0})
case("detection_threshold_option_lowers_bar","detection",T(j([{"bbox_2d":[0,0,10,10]}])),B([5,0,15,10]),{"iou_threshold":0.3},
     reward=1/3+1+1,components={"iou":1/3,"confidence":1.0,"format":1.0})
case("detection_position_key_single_quotes","detection",T("[{'Position': [0, 0, 10, 10], 'Confidence': 0.7}]"),
     {"boxes":[{"Position":[0,0,10,10]}]},reward=2.7,components={"iou":1.0,"confidence":0.7,"format":1.0})
case("detection_raw_json_without_tags","detection",j([{"bbox_2d":[0,0,10,10]}]),B([0,0,10,10]),
     reward=2.0,components={"iou":1.0,"confidence":1.0,"format":0.0})
case("detection_code_fence_in_answer","detection",T("```json\n"+j([{"bbox_2d":[0,0,10,10]}])+"\n```"),B([0,0,10,10]),reward=3.0)
case("detection_extra_prediction_costs","detection",T(j([{"bbox_2d":[0,0,10,10],"confidence":0.9},{"bbox_2d":[50,50,60,60],"confidence":0.2}])),
     B([0,0,10,10]),reward=0.5+0.85+1,components={"iou":0.5,"confidence":0.85,"format":1.0})
case("detection_missed_ground_truth_costs","detection",T(j([{"bbox_2d":[0,0,10,10]}])),B([0,0,10,10],[20,20,30,30]),
     reward=0.5+1+1,components={"iou":0.5,"confidence":1.0,"format":1.0})
case("detection_empty_prediction_list","detection",T("[]"),B([0,0,10,10]),reward=1.0,components={"iou":0.0,"confidence":0.0,"format":1.0})
scene_resp=j([{"bbox_2d":[1.5,0,11.5,10],"confidence":0.9},{"bbox_2d":[0,0,10,10],"confidence":0.8}])
scene_ref=B([0,0,10,10],[4,0,14,10])
case("detection_greedy_loses_box_in_crafted_scene","detection",scene_resp,scene_ref,{"format":"none"},
     reward=17/46+0.55,components={"iou":17/46,"confidence":0.55})
case("detection_hungarian_recovers_box_in_crafted_scene","detection",scene_resp,scene_ref,{"format":"none","matching":"hungarian"},
     reward=0.8+0.85,components={"iou":0.8,"confidence":0.85})
case("detection_label_aware_mismatch","detection",T(j([{"bbox_2d":[0,0,10,10],"label":"dog"}])),{"boxes":[{"bbox_2d":[0,0,10,10],"label":"cat"}]},
     {"label_aware":True},reward=1.0,components={"iou":0.0,"confidence":0.0,"format":1.0})
case("detection_label_aware_match_ignores_case","detection",T(j([{"bbox_2d":[0,0,10,10],"label":"Cat "}])),{"boxes":[{"bbox_2d":[0,0,10,10],"label":"cat"}]},
     {"label_aware":True},reward=3.0)
giou=81/119-2/121; diou=81/119-2/242
case("detection_giou","detection",j([{"bbox_2d":[0,0,10,10]}]),B([1,1,11,11]),{"iou_type":"giou","reward":"iou","format":"none"},
     reward=giou,components={"iou":giou,"confidence":1.0})
case("detection_diou","detection",j([{"bbox_2d":[0,0,10,10]}]),B([1,1,11,11]),{"iou_type":"diou","reward":"iou","format":"none"},
     reward=diou,components={"iou":diou,"confidence":1.0})
case("detection_qwen1000_predictions_vs_pixel_truth","detection",j([{"bbox_2d":[100,200,500,600]}]),
     {"boxes":[{"bbox_2d":[64,96,320,288]}],"image_size":[640,480]},{"coords":"qwen1000"},reward=2.0,components={"iou":1.0,"confidence":1.0,"format":0.0})
case("detection_normalized_vs_qwen1000_needs_no_size","detection",j([{"bbox_2d":[0.1,0.2,0.5,0.6]}]),
     {"boxes":[{"bbox_2d":[100,200,500,600]}],"coords":"qwen1000"},{"coords":"normalized"},reward=2.0)
case("detection_xywh_predictions","detection",j([{"bbox_2d":[2,3,8,7]}]),B([2,3,10,10]),{"box_format":"xywh"},reward=2.0)
case("detection_boxes_object_wrapper","detection",j({"boxes":[{"bbox_2d":[0,0,10,10]}]}),B([0,0,10,10]),reward=2.0)
# malformed responses: verdicts at the floor
case("detection_malformed_not_json_keeps_format","detection",T("I see a cat near the sofa"),B([0,0,10,10]),
     reward=1.0,components={"iou":0.0,"confidence":0.0,"format":1.0},reason="no JSON list or object")
case("detection_malformed_plain_text","detection","no boxes here",B([0,0,10,10]),reward=0.0,reason="no JSON list or object")
case("detection_malformed_broken_json","detection",T("[{\"bbox_2d\": [0, 0, 10, }"),B([0,0,10,10]),reward=1.0,reason="not valid JSON")
case("detection_malformed_missing_coordinates","detection",j([{"label":"cat"}]),B([0,0,10,10]),reward=0.0,reason="has no coordinates")
case("detection_malformed_nan_coordinate","detection",'[{"bbox_2d": [NaN, 0, 10, 10]}]',B([0,0,10,10]),reward=0.0,reason="non-finite")
case("detection_malformed_infinite_coordinate","detection",'[{"bbox_2d": [0, 0, 1e999, 10]}]',B([0,0,10,10]),reward=0.0,reason="non-finite")
case("detection_malformed_inverted_box","detection",j([{"bbox_2d":[10,0,0,10]}]),B([0,0,10,10]),reward=0.0,reason="x2 < x1")
case("detection_malformed_inverted_y","detection",j([{"bbox_2d":[0,10,10,0]}]),B([0,0,10,10]),reward=0.0,reason="y2 < y1")
case("detection_malformed_negative_size_xywh","detection",j([{"bbox_2d":[0,0,-5,10]}]),B([0,0,10,10]),{"box_format":"xywh"},reward=0.0,reason="negative width")
case("detection_malformed_confidence_out_of_range","detection",j([{"bbox_2d":[0,0,10,10],"confidence":1.5}]),B([0,0,10,10]),reward=0.0,reason="must be a number in [0, 1]")
case("detection_malformed_three_numbers","detection",j([{"bbox_2d":[0,0,10]}]),B([0,0,10,10]),reward=0.0,reason="must be 4 numbers")
case("detection_malformed_string_coordinates","detection",j([{"bbox_2d":["0","0","10","10"]}]),B([0,0,10,10]),reward=0.0,reason="must be 4 numbers")
case("detection_malformed_too_many_boxes","detection",j([{"bbox_2d":[i,i,i+1,i+1]} for i in range(301)]),B([0,0,10,10]),
     reward=0.0,reason="lists 301 boxes; the limit is 300")
case("detection_malformed_map_mode_floor","detection","nothing",B([0,0,10,10]),{"reward":"map"},reward=0.0,
     components={"iou":0.0,"confidence":0.0,"map":0.0,"format":0.0})
# broken references
case("detection_reference_no_boxes","detection",T("[]"),{"boxes":[]},status="invalid_reference",reason="reference.boxes is empty")
case("detection_reference_missing","detection",T("[]"),{},status="invalid_reference",reason="reference.boxes is missing")
case("detection_reference_nan","detection",T("[]"),{"boxes":[{"bbox_2d":[float("nan"),0,10,10]}]},status="invalid_reference",reason="non-finite")
case("detection_reference_inverted","detection",T("[]"),B([10,0,0,10]),status="invalid_reference",reason="x2 < x1")
case("detection_reference_zero_area","detection",T("[]"),B([0,0,0,10]),status="invalid_reference",reason="has no area")
case("detection_reference_label_aware_without_label","detection",T("[]"),B([0,0,10,10]),{"label_aware":True},status="invalid_reference",reason="has no label")
case("detection_reference_needs_image_size","detection",T("[]"),B([0,0,10,10]),{"coords":"qwen1000"},status="invalid_reference",reason="image_size")
case("detection_option_unknown_matching","detection",T("[]"),B([0,0,10,10]),{"matching":"optimal"},status="invalid_request",reason="options.matching must be one of greedy, hungarian")
case("detection_option_typo","detection",T("[]"),B([0,0,10,10]),{"iou_treshold":0.5},status="invalid_request",reason="unknown option 'iou_treshold'")
case("detection_option_threshold_out_of_range","detection",T("[]"),B([0,0,10,10]),{"iou_threshold":1.5},status="invalid_request",reason="options.iou_threshold")
# ---- grounding
case("grounding_iou_with_format","grounding",T("[5, 0, 15, 10]"),{"box":[0,0,10,10]},reward=1/3+1,components={"iou":1/3,"format":1.0})
case("grounding_threshold_hit","grounding",j({"bbox_2d":[1,0,11,10]}),{"box":[0,0,10,10]},{"reward":"threshold"},reward=1.0,components={"iou":90/110,"format":0.0})
case("grounding_threshold_miss","grounding",j({"bbox_2d":[5,0,15,10]}),{"box":[0,0,10,10]},{"reward":"threshold"},reward=0.0)
case("grounding_giou_disjoint_is_negative","grounding","[20, 0, 30, 10]",{"box":[0,0,10,10]},{"iou_type":"giou","format":"none"},reward=-1/3)
case("grounding_first_of_several_boxes","grounding",j([[0,0,10,10],[50,50,60,60]]),{"bbox_2d":[0,0,10,10]},{"format":"none"},reward=1.0,details={"boxes_seen":2})
case("grounding_qwen1000","grounding","[0, 0, 500, 500]",{"box":[0,0,320,240],"image_size":[640,480]},{"coords":"qwen1000","format":"none"},reward=1.0)
case("grounding_malformed_text","grounding","the box is somewhere on the left",{"box":[0,0,10,10]},reward=0.0,reason="no JSON")
case("grounding_malformed_giou_floor","grounding","nothing",{"box":[0,0,10,10]},{"iou_type":"giou","format":"none"},reward=-1.0,components={"iou":-1.0})
case("grounding_malformed_inverted","grounding",T("[10, 10, 0, 0]"),{"box":[0,0,10,10]},reward=1.0,components={"iou":0.0,"format":1.0},reason="x2 < x1")
case("grounding_reference_inverted","grounding","[0,0,1,1]",{"box":[10,10,0,0]},status="invalid_reference",reason="x2 < x1")
case("grounding_reference_missing","grounding","[0,0,1,1]",{},status="invalid_reference",reason="reference.box is missing")
# ---- classification
case("classification_contains_default","classification","<think>fur and ears</think><answer>This is a Golden Retriever.</answer>",{"label":"golden retriever"},
     reward=2.0,components={"accuracy":1.0,"format":1.0})
case("classification_contains_squashes_underscores","classification","<answer>golden_retriever</answer>",{"label":"Golden Retriever"},{"format":"answer"},reward=2.0)
case("classification_exact_is_case_sensitive","classification",T("Golden Retriever"),{"label":"golden retriever"},{"match":"exact"},
     reward=1.0,components={"accuracy":0.0,"format":1.0})
case("classification_iequals_no_thinking","classification","<answer> Golden   retriever. </answer>",{"label":"golden retriever"},
     {"match":"iequals","format":"answer"},reward=2.0)
case("classification_iequals_rejects_longer_answer","classification","<answer>a golden retriever</answer>",{"label":"golden retriever"},
     {"match":"iequals","format":"answer"},reward=1.0)
case("classification_alias","classification",T("dog"),{"label":"golden retriever","aliases":["dog"]},{"match":"exact"},reward=2.0)
case("classification_wrong_label","classification",T("a tabby cat"),{"label":"golden retriever"},reward=1.0,reason="does not match")
case("classification_empty_answer","classification","<answer></answer>",{"label":"cat"},reward=0.0,reason="answer is empty")
case("classification_reference_missing_label","classification",T("cat"),{},status="invalid_reference",reason="reference.label")
case("classification_reference_blank_label","classification",T("cat"),{"label":"  "},status="invalid_reference",reason="reference.label")
# ---- gui-action
screen={"image_size":[1080,2400]}
case("gui_click_inside_box","gui-action",T(j({"action":"click","point":[150,230]})),dict(action="click",box=[100,200,300,260],**screen),
     reward=3.0,components={"type":1.0,"args":1.0,"format":1.0},details={"hit":True})
d=math.hypot(0.45,0.05); bonus=0.5*max(0,1-(d-0.14)/0.5)
case("gui_click_miss_distance_shaped","gui-action",j({"action":"click","point":[540,240]}),dict(action="click",box=[0,0,108,240],**screen),
     {"format":"none"},reward=1+bonus,components={"type":1.0,"args":bonus})
case("gui_click_within_radius_of_point","gui-action",j({"action":"tap","coordinate":[600,1300]}),dict(action="click",point=[540,1200],**screen),
     {"format":"none"},reward=2.0)
case("gui_click_far_miss_scores_zero_args","gui-action",j({"action":"click","point":[1080,2400]}),dict(action="click",box=[0,0,108,240],**screen),
     {"format":"none"},reward=1.0,components={"type":1.0,"args":0.0})
case("gui_type_text_f1","gui-action",j({"action":"input","text":"Hello there world"}),{"action":"type","text":"hello world"},
     {"format":"none"},reward=1.8,components={"type":1.0,"args":0.8})
case("gui_wrong_action_type","gui-action",j({"action":"scroll","direction":"down"}),dict(action="click",box=[100,200,300,260],**screen),
     {"format":"none"},reward=0.0,reason="action type scroll != click")
case("gui_scroll_direction","gui-action",j({"action":"scroll","direction":"DOWN"}),{"action":"scroll","direction":"down"},{"format":"none"},reward=2.0)
case("gui_scroll_wrong_direction","gui-action",j({"action":"scroll","direction":"up"}),{"action":"scroll","direction":"down"},{"format":"none"},reward=1.0)
case("gui_argumentless_back","gui-action",T(j({"action":"back"})),{"action":"back"},reward=3.0)
case("gui_normalized_coords_need_no_size","gui-action",j({"action":"click","point":[0.15,0.15]}),{"action":"click","box":[0.1,0.1,0.2,0.2],"coords":"normalized"},
     {"coords":"normalized","format":"none"},reward=2.0)
case("gui_click_without_point","gui-action",j({"action":"click"}),dict(action="click",box=[100,200,300,260],**screen),{"format":"none"},
     reward=1.0,reason="answer has no point")
case("gui_malformed_missing_action","gui-action",T(j({"point":[1,2]})),{"action":"back"},reward=1.0,components={"type":0.0,"args":0.0,"format":1.0},reason="no 'action'")
case("gui_malformed_not_json","gui-action","I would tap the button",{"action":"back"},reward=0.0,reason="no JSON")
case("gui_malformed_nan_point","gui-action",'{"action": "click", "point": [NaN, 3]}',dict(action="click",box=[100,200,300,260],**screen),reward=0.0,reason="non-finite")
case("gui_reference_missing_action","gui-action",j({"action":"back"}),{"box":[0,0,1,1]},status="invalid_reference",reason="reference.action")
case("gui_reference_pixel_box_without_size","gui-action",j({"action":"click","point":[1,1]}),{"action":"click","box":[0,0,10,10]},status="invalid_reference",reason="image_size")
case("gui_option_unknown","gui-action",j({"action":"back"}),{"action":"back"},{"radius_px":3},status="invalid_request",reason="unknown option")
with open("vision_cases.jsonl","w") as f:
    for c in cases:
        f.write(json.dumps(c, allow_nan=True)+"\n")
print(len(cases))
